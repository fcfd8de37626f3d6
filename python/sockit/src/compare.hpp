// SPDX-License-Identifier: MIT
// compare: ipaddress's rich comparisons for a value type: == and != against anything, ordering only
// within one IP version (TypeError across versions), NotImplemented for other types.
#pragma once

#include <pybind11/pybind11.h>

#include <compare>

namespace sockit::python {

namespace py = pybind11;

/// Adds __eq__, __ne__, __lt__, __le__, __gt__, __ge__ and __hash__ (hash_of(value)) to cls.
template <class T, class Hash>
void add_comparisons(py::class_<T>& cls, Hash hash_of) {
    cls.def("__eq__", [](const T& a, py::handle b) -> py::object {
        if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a == b.cast<const T&>());
    });
    cls.def("__ne__", [](const T& a, py::handle b) -> py::object {
        if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a != b.cast<const T&>());
    });
    auto order = [](const char* name, auto holds) {
        return [name, holds](const T& a, py::handle b) -> py::object {
            if (!py::isinstance<T>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            const T& other = b.cast<const T&>();
            if (a.version() != other.version())
                throw py::type_error(std::string(name) + ": " + a.to_string() + " and " + other.to_string() +
                                     " are not of the same version");
            return py::bool_(holds(a <=> other));
        };
    };
    cls.def("__lt__", order("<", [](std::strong_ordering o) { return o < 0; }));
    cls.def("__le__", order("<=", [](std::strong_ordering o) { return o <= 0; }));
    cls.def("__gt__", order(">", [](std::strong_ordering o) { return o > 0; }));
    cls.def("__ge__", order(">=", [](std::strong_ordering o) { return o >= 0; }));
    cls.def("__hash__", hash_of);
}

}  // namespace sockit::python
