// SPDX-License-Identifier: MIT
// The `hello` extension module of seed 002 ch. 10: its method table, its module definition, PyInit_hello.
#include "hello.h"

// The functions the module exports: name, C function, calling convention, docstring; NULL-terminated.
static PyMethodDef hello_methods[] = {
    {"days_in_year", hello_days_in_year, METH_VARARGS,
     "days_in_year($module, year, /)\n--\n\n366 in a leap year, else 365. Proleptic Gregorian calendar with "
     "astronomical year numbering (year 0 is 1 BC, a leap year), as calendar.isleap()."},
    {"days_in_month", (PyCFunction)(void (*)(void))hello_days_in_month, METH_VARARGS | METH_KEYWORDS,
     "days_in_month($module, /, month, year)\n--\n\nDays in month 1..12 of year (Gregorian, as "
     "days_in_year). "
     "ValueError for a month outside 1..12."},
    {"mean", hello_mean, METH_VARARGS,
     "mean($module, iterable, /)\n--\n\nThe arithmetic mean of an iterable of real numbers. ValueError when "
     "it "
     "is empty, TypeError for an item that is not a real number."},
    {NULL, NULL, 0, NULL},
};

// m_size -1: the module keeps its state in C globals (the type, the exception), so one copy per process.
static struct PyModuleDef hello_module = {
    PyModuleDef_HEAD_INIT,
    "hello",
    "The Python/C API chapter of seed 002: calendar, mean and a Gumball type.",
    -1,
    hello_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

// The name must be PyInit_ + the module's file name (Extension('hello') in setup.py, the CMake target).
PyMODINIT_FUNC PyInit_hello(void) {
    if (PyType_Ready(&hello_gumball_type) < 0) return NULL;
    if (hello_empty_error == NULL) {
        hello_empty_error = PyErr_NewExceptionWithDoc(
            "hello.EmptyError", "Raised by Gumball.dispense() when the machine is empty.", PyExc_LookupError,
            NULL);
        if (hello_empty_error == NULL) return NULL;
    }
    PyObject* module = PyModule_Create(&hello_module);
    if (module == NULL) return NULL;
    // PyModule_AddObjectRef takes its own reference: ours stays ours whether it succeeds or fails.
    if (PyModule_AddObjectRef(module, "Gumball", (PyObject*)&hello_gumball_type) < 0 ||
        PyModule_AddObjectRef(module, "EmptyError", hello_empty_error) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
