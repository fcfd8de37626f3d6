# SPDX-License-Identifier: MIT
# hello.days_in_year and hello.days_in_month: tables, Python's calendar module as the reference, errors.
import calendar
import inspect
import random

import pytest

import hello

YEARS = [
    (2024, 366),  # divisible by 4
    (2023, 365),  # not divisible by 4
    (1900, 365),  # divisible by 100 but not by 400
    (2000, 366),  # divisible by 400
    (2100, 365),  # the next century year that is not leap
    (1600, 366),  # Gregorian rules hold before 1752 too (proleptic)
    (1, 365),  # the first year AD
    (0, 366),  # year 0 is 1 BC (astronomical numbering), divisible by 400
    (-1, 365),  # 2 BC
    (-4, 366),  # 5 BC: negative years follow the same rules
    (-100, 365),  # -100 is divisible by 100, not by 400
    (-400, 366),  # -400 is divisible by 400
    (10**100, 366),  # a googol: divisible by 400, far beyond a C long
    (10**100 + 100, 365),  # divisible by 100, not by 400
    (-(10**100) + 4, 366),  # a huge negative year divisible by 4 only
    (2**64 + 4, 366),  # just past 64 bits: 2**64 % 400 == 16
]


@pytest.mark.parametrize("year,days", YEARS)
def test_days_in_year_table(year, days):
    assert hello.days_in_year(year) == days


def test_days_in_year_agrees_with_calendar_isleap():
    rng = random.Random(16)
    years = list(range(-3000, 3001)) + [rng.randrange(-(10**30), 10**30) for _ in range(2000)]
    for year in years:
        assert hello.days_in_year(year) == (366 if calendar.isleap(year) else 365), year


MONTHS_2023 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("year,february", [(2023, 28), (2024, 29), (1900, 28), (2000, 29), (-4, 29), (-100, 28)])
def test_days_in_month_table(month, year, february):
    expected = february if month == 2 else MONTHS_2023[month - 1]
    assert hello.days_in_month(month, year) == expected


def test_days_in_month_agrees_with_calendar_monthrange():
    # calendar.monthrange takes (year, month): the reverse of the exercise's (month, year)
    for year in list(range(-800, 2801, 7)) + [1900, 2000, 2024, 10**40]:
        for month in range(1, 13):
            assert hello.days_in_month(month, year) == calendar.monthrange(year, month)[1], (month, year)


def test_days_in_month_keywords():
    assert hello.days_in_month(month=2, year=2024) == 29
    assert hello.days_in_month(2, year=1900) == 28


class Index:
    """Not an int, but usable as one (operator.index), like numpy's integers."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


def test_integer_like_arguments():
    assert hello.days_in_year(Index(2024)) == 366
    assert hello.days_in_month(Index(2), Index(2023)) == 28


@pytest.mark.parametrize("month", [0, 13, -1, 10**30, -(10**30)])
def test_bad_month_is_value_error(month):
    with pytest.raises(ValueError, match=r"days_in_month\(\): month must be in 1\.\.12, not " + str(month)):
        hello.days_in_month(month, 2024)
    with pytest.raises(ValueError):  # Python's calendar agrees: calendar.IllegalMonthError is a ValueError
        calendar.monthrange(2024, month)


@pytest.mark.parametrize("value,type_name", [(2024.0, "float"), ("2024", "str"), (None, "NoneType"), ([2024], "list")])
def test_non_integer_year_is_type_error(value, type_name):
    with pytest.raises(TypeError, match=rf"days_in_year\(\): year must be an integer, not '{type_name}'"):
        hello.days_in_year(value)
    with pytest.raises(TypeError, match=rf"days_in_month\(\): year must be an integer, not '{type_name}'"):
        hello.days_in_month(1, value)


@pytest.mark.parametrize("value,type_name", [(2.0, "float"), ("2", "str"), (None, "NoneType")])
def test_non_integer_month_is_type_error(value, type_name):
    with pytest.raises(TypeError, match=rf"days_in_month\(\): month must be an integer, not '{type_name}'"):
        hello.days_in_month(value, 2024)


@pytest.mark.parametrize(
    "call",
    [
        lambda: hello.days_in_year(),  # missing
        lambda: hello.days_in_year(2024, 1),  # one too many
        lambda: hello.days_in_year(year=2024),  # METH_VARARGS takes no keywords
        lambda: hello.days_in_month(2),  # year missing
        lambda: hello.days_in_month(2, 2024, 1),  # one too many
        lambda: hello.days_in_month(2, 2024, month=2),  # month given twice
        lambda: hello.days_in_month(month=2, day=1),  # no such keyword
    ],
)
def test_wrong_arguments_are_type_errors(call):
    with pytest.raises(TypeError):
        call()


def test_signatures_and_docstrings():
    assert str(inspect.signature(hello.days_in_year)) == "(year, /)"
    assert str(inspect.signature(hello.days_in_month)) == "(month, year)"
    assert "Proleptic Gregorian" in hello.days_in_year.__doc__
    assert "1..12" in hello.days_in_month.__doc__
