# SPDX-License-Identifier: MIT
# hello.Gumball: the chapter's new type; construction, dispense/refill, repr, and the errors of each.
import inspect
import sys

import pytest

import hello


def test_new_machine_is_empty():
    machine = hello.Gumball()
    assert machine.count == 0
    assert repr(machine) == "hello.Gumball(count=0)"


def test_count_by_position_and_keyword():
    assert hello.Gumball(3).count == 3
    assert hello.Gumball(count=7).count == 7


def test_dispense_counts_down_then_raises_empty_error():
    machine = hello.Gumball(2)
    assert machine.dispense() == 1
    assert machine.dispense() == 0
    with pytest.raises(hello.EmptyError, match=r"dispense\(\): the machine is empty"):
        machine.dispense()
    assert machine.count == 0  # a failed dispense takes nothing


def test_empty_error_is_a_lookup_error():
    assert issubclass(hello.EmptyError, LookupError)
    with pytest.raises(LookupError):
        hello.Gumball().dispense()


def test_refill_adds_and_returns_the_count():
    machine = hello.Gumball(1)
    assert machine.refill(4) == 5
    assert machine.refill(0) == 5
    assert repr(machine) == "hello.Gumball(count=5)"


@pytest.mark.parametrize(
    "call,error,message",
    [
        (lambda m: m.refill(-1), ValueError, r"refill\(\): n must be >= 0, not -1"),
        (lambda m: m.refill(1.5), TypeError, "integer"),
        (lambda m: m.refill("3"), TypeError, "integer"),
        (lambda m: m.refill(), TypeError, "argument"),
        (lambda m: m.refill(2**63), OverflowError, "ssize_t"),
        (lambda m: m.refill(sys.maxsize), OverflowError, r"refill\(\): 9223372036854775807 more would exceed"),
    ],
)
def test_refill_errors_leave_the_count(call, error, message):
    machine = hello.Gumball(1)
    with pytest.raises(error, match=message):
        call(machine)
    assert machine.count == 1


def test_refill_up_to_the_limit():
    machine = hello.Gumball(1)
    assert machine.refill(sys.maxsize - 1) == sys.maxsize


@pytest.mark.parametrize(
    "args,kwargs,error",
    [
        ((-1,), {}, ValueError),  # a machine cannot owe gumballs
        (("3",), {}, TypeError),
        ((3.0,), {}, TypeError),
        ((1, 2), {}, TypeError),
        ((), {"gumballs": 3}, TypeError),
        ((2**63,), {}, OverflowError),
    ],
)
def test_construction_errors(args, kwargs, error):
    with pytest.raises(error):
        hello.Gumball(*args, **kwargs)


def test_count_is_read_only():
    machine = hello.Gumball(3)
    with pytest.raises(AttributeError):
        machine.count = 10
    assert machine.count == 3


def test_the_type():
    assert hello.Gumball.__name__ == "Gumball"
    assert hello.Gumball.__module__ == "hello"
    assert str(inspect.signature(hello.Gumball)) == "(count=0)"
    assert "gumball machine" in hello.Gumball.__doc__
    assert str(inspect.signature(hello.Gumball.refill)) == "(self, n, /)"


def test_subclass_keeps_behaviour_and_names_itself():
    class Jar(hello.Gumball):
        pass

    jar = Jar(2)
    assert jar.dispense() == 1
    assert repr(jar) == "Jar(count=1)"
