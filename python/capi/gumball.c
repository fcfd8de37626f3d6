// SPDX-License-Identifier: MIT
// hello.Gumball: the chapter's new type, a gumball machine with a count, dispense() and refill(n).
#include "hello.h"

PyObject* hello_empty_error = NULL;

// What every instance stores: the object header every Python object starts with, then our fields.
// PyObject_HEAD is a macro that brings its own semicolon: clang-format would join the lines.
// clang-format off
typedef struct {
    PyObject_HEAD
    Py_ssize_t gumball_count;
} gumball_machine_object;
// clang-format on

static Py_ssize_t* count_of(PyObject* self) { return &((gumball_machine_object*)self)->gumball_count; }

// Gumball(count=0): PyType_GenericNew allocates a zeroed object; __init__ sets the count.
static int gumball_init(PyObject* self, PyObject* args, PyObject* kwargs) {
    static char count_key[] = "count";
    static char* keywords[] = {count_key, NULL};
    Py_ssize_t count = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|n:Gumball", keywords, &count)) return -1;
    if (count < 0) {
        PyErr_Format(PyExc_ValueError, "Gumball(): count must be >= 0, not %zd", count);
        return -1;
    }
    *count_of(self) = count;
    return 0;
}

static PyObject* gumball_repr(PyObject* self) {
    return PyUnicode_FromFormat("%s(count=%zd)", Py_TYPE(self)->tp_name, *count_of(self));
}

static PyObject* gumball_get_count(PyObject* self, void* closure) {
    (void)closure;
    return PyLong_FromSsize_t(*count_of(self));
}

static PyObject* gumball_dispense(PyObject* self, PyObject* unused) {
    (void)unused;
    Py_ssize_t* count = count_of(self);
    if (*count == 0) {
        PyErr_SetString(hello_empty_error, "dispense(): the machine is empty; refill(n) it first");
        return NULL;
    }
    --*count;
    return PyLong_FromSsize_t(*count);
}

static PyObject* gumball_refill(PyObject* self, PyObject* args) {
    Py_ssize_t added = 0;
    if (!PyArg_ParseTuple(args, "n:refill", &added)) return NULL;  // TypeError, or OverflowError past ssize_t
    Py_ssize_t* count = count_of(self);
    if (added < 0) {
        PyErr_Format(PyExc_ValueError, "refill(): n must be >= 0, not %zd", added);
        return NULL;
    }
    if (added > PY_SSIZE_T_MAX - *count) {
        PyErr_Format(PyExc_OverflowError, "refill(): %zd more would exceed the machine's %zd gumballs", added,
                     PY_SSIZE_T_MAX);
        return NULL;
    }
    *count += added;
    return PyLong_FromSsize_t(*count);
}

static PyMethodDef gumball_methods[] = {
    {"dispense", gumball_dispense, METH_NOARGS,
     "dispense($self, /)\n--\n\nTake one gumball out; returns how many are left. EmptyError when there is "
     "none."},
    {"refill", gumball_refill, METH_VARARGS,
     "refill($self, n, /)\n--\n\nPut n more gumballs in (n >= 0); returns the new count."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef gumball_getset[] = {
    {"count", gumball_get_count, NULL, "How many gumballs the machine holds (read-only).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

// Designated initializers instead of the chapter's row of zeros: every field not named stays zero.
PyTypeObject hello_gumball_type = {
    // The macro ends in a comma of its own.
    // clang-format off
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "hello.Gumball",
    // clang-format on
    .tp_basicsize = sizeof(gumball_machine_object),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = PyDoc_STR("Gumball(count=0)\n--\n\nA gumball machine holding `count` gumballs."),
    .tp_new = PyType_GenericNew,
    .tp_init = gumball_init,
    .tp_repr = gumball_repr,
    .tp_methods = gumball_methods,
    .tp_getset = gumball_getset,
};
