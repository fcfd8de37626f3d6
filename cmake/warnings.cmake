# SPDX-License-Identifier: MIT
# The project's warning set (docs/design.md): errors when SOCKIT_WERROR is on, as in CI.
function(sockit_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Wwrite-strings -Wvla -Wfloat-equal -Wnon-virtual-dtor -Woverloaded-virtual
    $<$<BOOL:${SOCKIT_WERROR}>:-Werror>)
endfunction()
