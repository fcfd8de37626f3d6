// SPDX-License-Identifier: MIT
// The parts of the `hello` extension module that hello.c wires into its method table and module.
#ifndef SOCKIT_PYTHON_CAPI_HELLO_H
#define SOCKIT_PYTHON_CAPI_HELLO_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/// hello.days_in_year(year): 366 or 365 (proleptic Gregorian, any int); TypeError for a non-integer.
PyObject* hello_days_in_year(PyObject* self, PyObject* args);

/// hello.days_in_month(month, year): 28..31; ValueError for a month outside 1..12, TypeError for a non-int.
PyObject* hello_days_in_month(PyObject* self, PyObject* args, PyObject* kwargs);

/// hello.mean(iterable): the mean as a float; ValueError when empty, TypeError for an item that is no real
/// number, OverflowError for an int beyond float's range; whatever the iterator raises passes through.
PyObject* hello_mean(PyObject* self, PyObject* args);

/// The type hello.Gumball: a gumball machine with a count, dispense() and refill(n).
extern PyTypeObject hello_gumball_type;

/// hello.EmptyError (a LookupError): dispense() on an empty machine. Created by PyInit_hello.
extern PyObject* hello_empty_error;

/// The module's entry point: Python calls it once, on the first `import hello`.
PyMODINIT_FUNC PyInit_hello(void);

#endif
