# SPDX-License-Identifier: MIT
# Python extension modules and their pytest suites: Debian's python3 (not a pyenv one on PATH), and
# sockit_pytest_suite(), which makes each test_*.py of a folder one ctest case labelled `python`.
set(SOCKIT_PYTHON /usr/bin/python3 CACHE FILEPATH "Debian's python3 (its ipaddress, scapy and matplotlib)")
set(Python3_EXECUTABLE ${SOCKIT_PYTHON})
find_package(Python3 REQUIRED COMPONENTS Interpreter Development.Module)

# sockit_pytest_suite(<prefix> <dir> [ENVIRONMENT var=value...]): <dir>/test_<stem>.py becomes the ctest
# case <prefix>_<stem>, run by `python3 -m pytest` in <dir> (its conftest.py applies) with the variables
# given, no bytecode or cache files written into the source tree.
function(sockit_pytest_suite prefix dir)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "ENVIRONMENT")
  file(GLOB files CONFIGURE_DEPENDS ${dir}/test_*.py)
  foreach(file ${files})
    get_filename_component(stem ${file} NAME_WE)
    string(REPLACE "test_" "${prefix}_" name ${stem})
    add_test(NAME ${name}
             COMMAND ${Python3_EXECUTABLE} -m pytest -p no:cacheprovider -q -rs ${stem}.py
             WORKING_DIRECTORY ${dir})
    set_tests_properties(${name} PROPERTIES LABELS python TIMEOUT 300
      ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1;${arg_ENVIRONMENT}")
  endforeach()
endfunction()
