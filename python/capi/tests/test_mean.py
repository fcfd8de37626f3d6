# SPDX-License-Identifier: MIT
# hello.mean: a table, statistics.mean (exact, on fractions) as the reference, and every error path.
import decimal
import fractions
import inspect
import math
import random
import signal
import statistics
import subprocess
import sys
import time

import pytest

import hello
from conftest import HELLO_DIR

INF = float("inf")

TABLE = [
    ([1, 2, 3, 4], 2.5),  # ints
    ([5], 5.0),  # one item
    ((0.5, 1.5), 1.0),  # a tuple of floats
    (range(1, 101), 50.5),  # a lazy sequence
    ({3: "a", 5: "b"}, 4.0),  # a dict iterates its keys
    ([True, False], 0.5),  # bools are ints
    ([fractions.Fraction(1, 3), fractions.Fraction(2, 3)], 0.5),  # any real number: __float__
    ([decimal.Decimal("2.5"), 3], 2.75),  # Decimal too
    ([1e308, 1e308], 1e308),  # the sum overflows a double, the mean does not
    ([-1e308, -1e308, -1e308], -1e308),
    ([10**308, 10**308], 1e308),  # huge ints within float range
    ([1e20, 1.0, -1e20], 1 / 3),  # a naive double sum loses the 1.0 and answers 0
    ([1e16, 1.0, -1e16, 1.0], 0.5),
    ([5e-324, 5e-324], 5e-324),  # subnormals survive
    ([INF, 1.0], INF),  # non-finite values as float arithmetic has them
    ([-INF, 1e308, 1e308], -INF),
]


@pytest.mark.parametrize("data,expected", TABLE)
def test_mean_table(data, expected):
    assert hello.mean(data) == expected


def test_generators_are_consumed_once():
    assert hello.mean(x * x for x in range(4)) == 3.5


@pytest.mark.parametrize("data", [[INF, -INF], [math.nan], [1.0, math.nan, 2.0]])
def test_nan_results(data):
    assert math.isnan(hello.mean(data))


def random_data(rng):
    """Lists that stress the sum: mixed magnitudes and signs, huge ints, cancellation."""
    size = rng.randrange(1, 200)
    kind = rng.randrange(4)
    if kind == 0:
        return [rng.uniform(-1e6, 1e6) for _ in range(size)]
    if kind == 1:
        return [rng.choice([-1, 1]) * 10 ** rng.uniform(-300, 307) for _ in range(size)]
    if kind == 2:
        return [rng.randrange(-(2**1000), 2**1000) for _ in range(size)]
    big = [rng.uniform(1e300, 1.7e308) for _ in range(size)]
    return big + [-x for x in big[: size // 2]] + [rng.random()]


def test_agrees_with_exact_statistics_mean():
    rng = random.Random(16)
    for _ in range(2000):
        data = random_data(rng)
        # statistics.mean sums exact fractions; ints first become floats in hello.mean, as float(x) would
        exact = float(statistics.mean([fractions.Fraction(float(x)) for x in data]))
        assert abs(hello.mean(data) - exact) <= math.ulp(exact), data


@pytest.mark.parametrize("empty", [[], (), iter([]), {}, "", range(0)])
def test_empty_is_value_error(empty):
    with pytest.raises(ValueError, match=r"mean\(\): the iterable is empty"):
        hello.mean(empty)


@pytest.mark.parametrize(
    "data,message",
    [
        (["1"], r"item 0 is not a real number: 'str'"),  # float("1") would parse it: not here
        ([1, 2, None], r"item 2 is not a real number: 'NoneType'"),
        ([1, 2j], r"item 1 is not a real number: 'complex'"),
        ([b"1"], r"item 0 is not a real number: 'bytes'"),
        ([[1, 2]], r"item 0 is not a real number: 'list'"),
        ("12", r"item 0 is not a real number: 'str'"),  # a str iterates over strs
    ],
)
def test_non_number_is_type_error(data, message):
    with pytest.raises(TypeError, match=message):
        hello.mean(data)


@pytest.mark.parametrize("not_iterable", [5, 2.5, None, object()])
def test_not_iterable_is_type_error(not_iterable):
    with pytest.raises(TypeError, match="not iterable"):
        hello.mean(not_iterable)


def test_int_beyond_float_is_overflow_error():
    with pytest.raises(OverflowError):
        hello.mean([1, 10**400])


def test_exception_from_the_iterator_passes_through():
    def failing():
        yield 1
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        hello.mean(failing())


def test_exception_from_float_passes_through():
    class Broken(fractions.Fraction):
        def __float__(self):
            raise ArithmeticError("no float today")

    with pytest.raises(ArithmeticError, match="no float today"):
        hello.mean([Broken(1)])


@pytest.mark.parametrize("call", [lambda: hello.mean(), lambda: hello.mean([1], [2]), lambda: hello.mean(iterable=[1])])
def test_wrong_arguments_are_type_errors(call):
    with pytest.raises(TypeError):
        call()


def test_signature():
    assert str(inspect.signature(hello.mean)) == "(iterable, /)"


def test_ctrl_c_interrupts_a_long_c_iterator():
    # range() never runs bytecode, so only mean()'s own PyErr_CheckSignals lets SIGINT through
    script = f"import sys; sys.path.insert(0, {str(HELLO_DIR)!r}); import hello; print('go', flush=True); " \
             "hello.mean(range(10**12))"
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout.readline() == "go\n"
        time.sleep(0.3)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=10)
    finally:
        child.kill()
        child.wait()
    assert "KeyboardInterrupt" in err
