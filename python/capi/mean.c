// SPDX-License-Identifier: MIT
// hello.mean(iterable): the arithmetic mean of any iterable of real numbers (seed 002 ch. 10, exercise 3).
#include "hello.h"

#include <math.h>

// The sum is kept in long double with Neumaier's compensation. On x86-64 a long double has a 15-bit
// exponent, so no count of finite doubles can overflow it (mean([1e308, 1e308]) is 1e308, not inf), and
// the compensation term keeps what each addition rounds away (mean([1e20, 1.0, -1e20]) is 1/3, not 0).
// Infinities and NaNs are summed apart, in plain arithmetic, so they give inf, -inf or nan as Python's
// float arithmetic would instead of poisoning the compensation.
struct running_sum {
    long double total;
    long double compensation;
    long double non_finite;
    int has_non_finite;
};

static void add(struct running_sum* sum, double value) {
    if (!isfinite(value)) {
        sum->non_finite += value;
        sum->has_non_finite = 1;
        return;
    }
    long double x = value;
    long double total = sum->total + x;
    if (fabsl(sum->total) >= fabsl(x)) {
        sum->compensation += (sum->total - total) + x;
    } else {
        sum->compensation += (x - total) + sum->total;
    }
    sum->total = total;
}

static double mean_of(const struct running_sum* sum, Py_ssize_t count) {
    if (sum->has_non_finite) return (double)sum->non_finite;
    return (double)((sum->total + sum->compensation) / (long double)count);
}

// Adds one item (borrowed). Returns 0 with an exception set when it is no real number or float() fails.
static int add_item(struct running_sum* sum, PyObject* item, Py_ssize_t index) {
    // PyNumber_Float would also parse a str ("2.5"): only objects of the number protocol are numbers here,
    // and complex ones have no place on the real line.
    if (!PyNumber_Check(item) || PyComplex_Check(item)) {
        PyErr_Format(PyExc_TypeError, "mean(): item %zd is not a real number: '%.200s'", index,
                     Py_TYPE(item)->tp_name);
        return 0;
    }
    PyObject* number = PyNumber_Float(item);  // new reference; OverflowError for an int beyond float
    if (number == NULL) return 0;
    add(sum, PyFloat_AS_DOUBLE(number));
    Py_DECREF(number);
    return 1;
}

PyObject* hello_mean(PyObject* self, PyObject* args) {
    (void)self;
    PyObject* iterable = NULL;  // borrowed from the argument tuple
    if (!PyArg_ParseTuple(args, "O:mean", &iterable)) return NULL;
    PyObject* iterator = PyObject_GetIter(iterable);  // new reference; TypeError when not iterable
    if (iterator == NULL) return NULL;

    struct running_sum sum = {0.0L, 0.0L, 0.0L, 0};
    Py_ssize_t count = 0;
    PyObject* item = NULL;
    while ((item = PyIter_Next(iterator)) != NULL) {  // each item a new reference
        int added = add_item(&sum, item, count);
        Py_DECREF(item);
        // A C iterator such as range() never runs bytecode, so Ctrl-C is checked here now and then.
        if (!added || (++count % 1048576 == 0 && PyErr_CheckSignals() < 0)) {
            Py_DECREF(iterator);
            return NULL;
        }
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred()) return NULL;  // NULL from PyIter_Next: the end, or the iterator raised
    if (count == 0) {
        PyErr_SetString(PyExc_ValueError, "mean(): the iterable is empty");
        return NULL;
    }
    return PyFloat_FromDouble(mean_of(&sum, count));
}
