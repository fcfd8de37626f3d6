// SPDX-License-Identifier: MIT
// hello.days_in_year and hello.days_in_month: the proleptic Gregorian calendar (seed 002 ch. 10, ex. 1-2).
#include "hello.h"

// Year numbering is astronomical (ISO 8601): year 0 is 1 BC, year -1 is 2 BC, and the Gregorian rules
// apply to every year, before 1582 too. That is what Python's calendar.isleap() answers, so the tests can
// compare with it. Only the year modulo 400 matters; Python's floor modulo keeps any int exact (negative
// years, years beyond a C long), so no year is refused for its size.

// The year modulo 400 (0..399), or -1 with an exception set. `year` is borrowed.
static long year_in_cycle(const char* function, PyObject* year) {
    if (!PyIndex_Check(year)) {
        PyErr_Format(PyExc_TypeError, "%s(): year must be an integer, not '%.200s'", function,
                     Py_TYPE(year)->tp_name);
        return -1;
    }
    PyObject* index = PyNumber_Index(year);  // new reference: an exact int (from __index__ if need be)
    if (index == NULL) return -1;
    PyObject* cycle = PyLong_FromLong(400);                                         // new reference
    PyObject* remainder = cycle == NULL ? NULL : PyNumber_Remainder(index, cycle);  // new reference, 0..399
    Py_XDECREF(cycle);
    Py_DECREF(index);
    if (remainder == NULL) return -1;
    long result = PyLong_AsLong(remainder);
    Py_DECREF(remainder);
    return result;  // -1 only when PyLong_AsLong failed, and then its exception is set
}

static int is_leap(long year_in_cycle) {
    return year_in_cycle % 4 == 0 && (year_in_cycle % 100 != 0 || year_in_cycle == 0);
}

PyObject* hello_days_in_year(PyObject* self, PyObject* args) {
    (void)self;
    PyObject* year = NULL;  // borrowed from the argument tuple
    if (!PyArg_ParseTuple(args, "O:days_in_year", &year)) return NULL;
    long cycle = year_in_cycle("days_in_year", year);
    if (cycle < 0) return NULL;
    return PyLong_FromLong(is_leap(cycle) ? 366 : 365);
}

// The month as 1..12, or 0 with an exception set. `month` is borrowed.
static int month_number(PyObject* month) {
    if (!PyIndex_Check(month)) {
        PyErr_Format(PyExc_TypeError, "days_in_month(): month must be an integer, not '%.200s'",
                     Py_TYPE(month)->tp_name);
        return 0;
    }
    PyObject* index = PyNumber_Index(month);  // new reference: an exact int
    if (index == NULL) return 0;
    int overflow = 0;
    long number = PyLong_AsLongAndOverflow(index, &overflow);
    if (overflow != 0 || number < 1 || number > 12) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_ValueError, "days_in_month(): month must be in 1..12, not %R", index);
        Py_DECREF(index);
        return 0;
    }
    Py_DECREF(index);
    return (int)number;
}

PyObject* hello_days_in_month(PyObject* self, PyObject* args, PyObject* kwargs) {
    (void)self;
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static char month_key[] = "month";
    static char year_key[] = "year";
    static char* keywords[] = {month_key, year_key, NULL};
    PyObject* month = NULL;  // both borrowed
    PyObject* year = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO:days_in_month", keywords, &month, &year)) return NULL;
    int number = month_number(month);
    if (number == 0) return NULL;
    long cycle = year_in_cycle("days_in_month", year);
    if (cycle < 0) return NULL;
    return PyLong_FromLong(days[number - 1] + (number == 2 && is_leap(cycle)));
}
