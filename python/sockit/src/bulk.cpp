// SPDX-License-Identifier: MIT
// bulk: parse_addresses and classify, which read a whole list of strings in C++ and build no Python
// object per address (an address_array holds the parsed values; classify answers in byte columns read
// as bools and small ints).
#include <pybind11/stl.h>

#include <array>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "convert.hpp"
#include "predicates.hpp"

namespace sockit::python {
namespace {

/// The result of parse_addresses: parsed addresses in input order (invalid ones, without strict, are
/// kept as the invalid address and read back as None).
struct address_array {
    std::vector<ip_address> items;
};

/// Calls f(index, text) for every str of a sequence; TypeError for any other item. Holds the GIL.
template <class F>
void for_each_text(py::handle strings, F&& f) {
    py::object seq =
        py::reinterpret_steal<py::object>(PySequence_Fast(strings.ptr(), "a sequence of str is required"));
    if (!seq) throw py::error_already_set();
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq.ptr());
    PyObject** items = PySequence_Fast_ITEMS(seq.ptr());
    for (Py_ssize_t i = 0; i < n; ++i) {
        if (!PyUnicode_Check(items[i]))
            throw py::type_error("item " + std::to_string(i) + " is not a str: " + text_of(items[i]));
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(items[i], &size);
        if (data == nullptr) throw py::error_already_set();
        f(static_cast<std::size_t>(i), std::string_view(data, static_cast<std::size_t>(size)));
    }
}

address_array parse_addresses(py::handle strings, bool strict) {
    address_array out;
    out.items.reserve(
        static_cast<std::size_t>(std::max<Py_ssize_t>(PyObject_LengthHint(strings.ptr(), 0), 0)));
    for_each_text(strings, [&](std::size_t i, std::string_view text) {
        auto a = ip_address::parse(text);
        if (!a && strict)
            throw py::value_error("item " + std::to_string(i) + ": '" + std::string(text) +
                                  "' does not appear to be an IPv4 or IPv6 address: " + a.error().message());
        out.items.push_back(a ? *a : ip_address{});
    });
    return out;
}

py::object item_at(const address_array& arr, std::size_t i) {
    return arr.items[i].is_valid() ? py::cast(arr.items[i]) : py::none();
}

py::list new_list(std::size_t n) {
    return py::reinterpret_steal<py::list>(PyList_New(static_cast<Py_ssize_t>(n)));
}

// A column of n one-byte values, read as format ("?": bools, "B": small ints) through a memoryview.
struct column {
    py::bytes storage;
    char* data;
    explicit column(std::size_t n)
        : storage(py::reinterpret_steal<py::bytes>(
              PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(n)))),
          data(storage ? PyBytes_AS_STRING(storage.ptr()) : nullptr) {
        if (!storage) throw py::error_already_set();
    }
    py::object view(const char* format) const { return py::memoryview(storage).attr("cast")(format); }
};

py::dict classify(py::handle strings) {
    py::object seq =
        py::reinterpret_steal<py::object>(PySequence_Fast(strings.ptr(), "a sequence of str is required"));
    if (!seq) throw py::error_already_set();
    const auto n = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(seq.ptr()));
    column versions(n);
    std::vector<column> flags;
    for (std::size_t c = 0; c < predicate_count; ++c) flags.emplace_back(n);
    for_each_text(seq, [&](std::size_t i, std::string_view text) {
        auto a = ip_address::parse(text);
        const ip_address addr = a ? *a : ip_address{};
        versions.data[i] = static_cast<char>(addr.version());
        for (std::size_t c = 0; c < predicate_count; ++c)
            flags[c].data[i] = addr.is_valid() && (addr.*predicates[c].test)() ? 1 : 0;
    });
    py::dict out;
    out["version"] = versions.view("B");
    for (std::size_t c = 0; c < predicate_count; ++c) out[predicates[c].name] = flags[c].view("?");
    return out;
}

}  // namespace

void bind_bulk(py::module_& m) {
    py::class_<address_array>(m, "address_array",
                              "Addresses parsed by parse_addresses(): a read-only sequence of ip_address "
                              "(None where a text was invalid and strict was off).")
        .def("__len__", [](const address_array& a) { return a.items.size(); })
        .def("__getitem__",
             [](const address_array& a, Py_ssize_t i) {
                 const auto n = static_cast<Py_ssize_t>(a.items.size());
                 if (i < 0) i += n;
                 if (i < 0 || i >= n) throw py::index_error("address_array index out of range");
                 return item_at(a, static_cast<std::size_t>(i));
             })
        .def(
            "tolist",
            [](const address_array& a) {
                py::list out = new_list(a.items.size());
                for (std::size_t i = 0; i < a.items.size(); ++i)
                    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), item_at(a, i).release().ptr());
                return out;
            },
            "The addresses as a list of ip_address (None for invalid texts).")
        .def("__iter__", [](const address_array& a) { return py::iter(py::cast(a).attr("tolist")()); })
        .def_property_readonly(
            "versions",
            [](const address_array& a) {
                std::string v(a.items.size(), '\0');
                for (std::size_t i = 0; i < a.items.size(); ++i)
                    v[i] = static_cast<char>(a.items[i].version());
                return py::bytes(v);
            },
            "One byte per address: 4, 6, or 0 for an invalid text.");
    m.def("parse_addresses", &parse_addresses, py::arg("strings"), py::arg("strict") = true,
          "Parses a sequence of str as ip_address() does, in C++, into an address_array. With strict, the "
          "first invalid text raises ValueError (naming its index); without, it becomes None.");
    m.def("classify", &classify, py::arg("strings"),
          "Parses and classifies a sequence of str in C++: a dict of equal-length read-only sequences "
          "(memoryviews over one byte per text, no object per text): 'version' (4, 6, or 0 for an invalid "
          "text) and one sequence of bools per predicate (is_private, is_global, "
          "is_loopback, is_multicast, is_link_local, is_reserved, is_unspecified, is_site_local, "
          "is_documentation, is_shared, is_unique_local; False for invalid texts).");
}

}  // namespace sockit::python
