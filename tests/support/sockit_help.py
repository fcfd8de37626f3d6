# SPDX-License-Identifier: MIT
# What the program says about itself: the commands `sockit --help` lists (with the groups' members) and the
# options each command's --help lists. The documentation tests (man pages, bash completion) check against it.
import re

from sockit_test import EX_OK, run

# An option in a help line: -x, --long-name, or dig's +word / +word= (sockit dns).
OPTION = re.compile(r"(?<![\w+-])(--?[A-Za-z0-9][\w-]*|\+[a-z]+=?)")

# `sockit --help` shows no option lines of its own; main.cpp accepts these.
TOP_LEVEL_OPTIONS = {"-h", "--help", "-V", "--version"}


def commands():
    """Every command `sockit --help` lists, in its order; a group's member is two words ("http get")."""
    out = run("--help", check=EX_OK).stdout
    block = out.split("Commands:\n")[1].split("\n\n")[0]
    return [re.split(r"\s{2,}", line.strip())[0] for line in block.splitlines()]


def group_members(group):
    """The commands `sockit GROUP --help` lists ("http get", "http serve")."""
    out = run(group, "--help", check=EX_OK).stdout
    block = out.split("Commands:\n")[1]
    return [re.split(r"\s{2,}", line.strip())[0] for line in block.splitlines() if line.strip()]


def options(command):
    """The options `sockit COMMAND --help` lists: the option tokens of every line that starts (after blanks)
    with '-' or '+' (CLI11's "-h,--help", nc's "-I len / -O len", dns's "+tcp"), descriptions included
    (dns's "+tries=N ... +retry=N means N+1 tries")."""
    out = run(*command.split(), "--help", check=EX_OK).stdout
    found = set()
    for line in out.splitlines():
        if re.match(r"\s+[-+]", line):
            found.update(OPTION.findall(line))
    return found


def mentions(text, option):
    """True when text holds option as a whole word ("--json" is not in "--json-log"; "+bufsize=" may be
    followed by its value)."""
    tail = "" if option.endswith("=") else r"(?![\w-])"
    return re.search(r"(?<![\w+-])" + re.escape(option) + tail, text) is not None
