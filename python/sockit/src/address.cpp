// SPDX-License-Identifier: MIT
// address: sockit.ip_address, one type for IPv4 and IPv6 with the attributes of ipaddress's
// IPv4Address/IPv6Address, over sockit::ip_address.
#include <pybind11/stl.h>

#include <functional>
#include <string_view>

#include "bindings.hpp"
#include "compare.hpp"
#include "convert.hpp"
#include "predicates.hpp"

namespace sockit::python {
namespace {

constexpr const char* address_doc = R"(An IPv4 or IPv6 address, as ipaddress.ip_address() makes them.

ip_address(address) accepts a str ("192.0.2.1", "2001:db8::1", "fe80::1%eth0"), an int (below 2**32:
IPv4, else IPv6), 4 or 16 packed bytes, or an ip_address. Invalid input raises ValueError;
ip_address.v4() and ip_address.v6() accept one version only and raise AddressValueError, as
ipaddress.IPv4Address() and IPv6Address() do.

Attributes follow ipaddress: version, max_prefixlen, packed, compressed, exploded, reverse_pointer,
scope_id, ipv4_mapped, sixtofour, teredo and the predicates is_private, is_global, is_loopback,
is_multicast, is_link_local, is_reserved, is_unspecified, is_site_local (plus is_documentation, is_shared
and is_unique_local). Addresses compare, sort (within a version: TypeError across versions), hash, add
and subtract ints, and convert with int() and str().

Where sockit follows CPython 3.13 rather than 3.11: is_private/is_global use the current IANA
special-purpose registries (e.g. 192.0.0.9 and 2001:3::/32 are global, 3fff::/20 is documentation); an
IPv4-mapped address (::ffff:a.b.c.d) prints in mixed notation and is judged by its IPv4 address for every
predicate but is_site_local. Zones are 1-15 printable characters without '%', '/', '[' or ']', and
exploded keeps the zone.)";

// The predicates as plain CPython getset descriptors: a pybind11 property costs a dispatcher call
// (about 100 ns); these read the value in place, which the per-call benchmark measures.
PyObject* get_predicate(PyObject* self, void* closure) {
    auto* inst = reinterpret_cast<py::detail::instance*>(self);
    const void* value = inst->simple_layout ? inst->simple_value_holder[0] : nullptr;
    if (value == nullptr) {
        PyErr_SetString(PyExc_TypeError, "ip_address is not initialized");
        return nullptr;
    }
    const auto& p = *static_cast<const predicate*>(closure);
    return PyBool_FromLong((static_cast<const ip_address*>(value)->*p.test)() ? 1 : 0);
}

void add_fast_predicates(py::class_<ip_address>& cls) {
    static PyGetSetDef defs[std::size(predicates)];
    auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
    for (std::size_t i = 0; i < std::size(predicates); ++i) {
        defs[i] = {predicates[i].name, &get_predicate, nullptr, predicates[i].doc,
                   const_cast<predicate*>(&predicates[i])};
        py::object descriptor = py::reinterpret_steal<py::object>(PyDescr_NewGetSet(type, &defs[i]));
        if (!descriptor) throw py::error_already_set();
        cls.attr(predicates[i].name) = descriptor;
    }
}

// ip_address(x) without pybind11's dispatcher (which costs as much as the parse itself): the same steps
// as its new-style constructor, value then holder and registration (init_instance), on the fast path of
// one positional argument; anything else goes through PyArg_ParseTupleAndKeywords.
int fast_init(PyObject* self, PyObject* args, PyObject* kwargs) {
    PyObject* obj = nullptr;
    if (kwargs == nullptr && PyTuple_GET_SIZE(args) == 1) {
        obj = PyTuple_GET_ITEM(args, 0);
    } else {
        static const char* keywords[] = {"address", nullptr};
        if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:ip_address", const_cast<char**>(keywords), &obj))
            return -1;
    }
    try {
        const ip_address value = address_from_object(obj, 0, error_style::factory);
        auto* inst = reinterpret_cast<py::detail::instance*>(self);
        py::detail::value_and_holder v_h =
            inst->get_value_and_holder(py::detail::get_type_info(typeid(ip_address)));
        if (v_h.instance_registered()) {  // __init__ called again on a live object
            *static_cast<ip_address*>(v_h.value_ptr()) = value;
            return 0;
        }
        v_h.value_ptr() = new ip_address(value);
        v_h.type->init_instance(inst, nullptr);
        return 0;
    } catch (py::error_already_set& e) {
        e.restore();
    } catch (py::builtin_exception& e) {
        e.set_error();
    } catch (const std::exception& e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
    }
    return -1;
}

py::object optional_address(const std::optional<ip_address>& a) { return a ? py::cast(*a) : py::none(); }

ip_address shifted(const ip_address& a, py::handle n, bool add) {
    py::int_ value = to_python_int(a.to_uint());
    py::int_ sum = py::reinterpret_steal<py::int_>(add ? PyNumber_Add(value.ptr(), n.ptr())
                                                       : PyNumber_Subtract(value.ptr(), n.ptr()));
    if (!sum) throw py::error_already_set();
    auto v = from_python_int(sum);
    if (!v || (a.is_v4() && *v > 0xffffffffU))
        raise_address_value_error(py::str(sum).cast<std::string>() + " is out of range for an IPv" +
                                  std::to_string(a.version()) + " address");
    return ip_address::from_uint(a.version(), *v).with_zone(a.zone());
}

std::size_t hash_address(const ip_address& a) {
    std::string_view b(reinterpret_cast<const char*>(a.bytes().data()), a.bytes().size());
    return std::hash<std::string_view>{}(b) ^ (std::hash<std::string_view>{}(a.zone()) * 31) ^
           static_cast<std::size_t>(a.version());
}

}  // namespace

void bind_address(py::module_& m) {
    py::class_<ip_address> cls(m, "ip_address", address_doc);
    cls.def(py::init([](py::handle obj) { return address_from_object(obj, 0, error_style::factory); }),
            py::arg("address"));
    reinterpret_cast<PyTypeObject*>(cls.ptr())->tp_init = &fast_init;  // the documented __init__, faster
    cls.def_static(
        "v4", [](py::handle obj) { return address_from_object(obj, 4, error_style::versioned); },
        py::arg("address"), "An IPv4 address only, as ipaddress.IPv4Address(); else AddressValueError.");
    cls.def_static(
        "v6", [](py::handle obj) { return address_from_object(obj, 6, error_style::versioned); },
        py::arg("address"), "An IPv6 address only, as ipaddress.IPv6Address(); else AddressValueError.");
    cls.def_property_readonly("version", &ip_address::version, "4 or 6.");
    cls.def_property_readonly("max_prefixlen", &ip_address::max_prefix_length, "32 or 128.");
    cls.def_property_readonly(
        "packed",
        [](const ip_address& a) {
            return py::bytes(reinterpret_cast<const char*>(a.bytes().data()), a.bytes().size());
        },
        "The address bytes in network order (4 or 16).");
    cls.def_property_readonly("compressed", &ip_address::to_string,
                              "The shortest text (RFC 5952), as str().");
    cls.def_property_readonly("exploded", &ip_address::exploded, "Every IPv6 group in four digits.");
    cls.def_property_readonly("reverse_pointer", &ip_address::reverse_pointer,
                              "The reverse DNS name (in-addr.arpa, ip6.arpa).");
    cls.def_property_readonly(
        "scope_id",
        [](const ip_address& a) -> py::object {
            if (a.zone().empty()) return py::none();
            return py::str(std::string(a.zone()));
        },
        "The IPv6 zone after '%', or None.");
    cls.def_property_readonly(
        "ipv4_mapped", [](const ip_address& a) { return optional_address(a.ipv4_mapped()); },
        "The IPv4 address inside ::ffff:a.b.c.d, else None.");
    cls.def_property_readonly(
        "sixtofour", [](const ip_address& a) { return optional_address(a.sixtofour()); },
        "The IPv4 address inside a 6to4 address (2002::/16), else None.");
    cls.def_property_readonly(
        "teredo",
        [](const ip_address& a) -> py::object {
            auto t = a.teredo();
            if (!t) return py::none();
            return py::make_tuple(t->server, t->client);
        },
        "(server, client) of a Teredo address (2001::/32), else None.");
    add_fast_predicates(cls);
    cls.def("__str__", &ip_address::to_string);
    cls.def("__repr__", [](const ip_address& a) { return "sockit.ip_address('" + a.to_string() + "')"; });
    cls.def("__int__", [](const ip_address& a) { return to_python_int(a.to_uint()); });
    cls.def("__format__", [](const ip_address& a, const std::string& spec) {
        return py::str(py::str(a.to_string()).attr("__format__")(spec));
    });
    cls.def("__add__", [](const ip_address& a, py::handle n) -> py::object {
        if (!PyLong_Check(n.ptr())) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::cast(shifted(a, n, true));
    });
    cls.def("__sub__", [](const ip_address& a, py::handle n) -> py::object {
        if (!PyLong_Check(n.ptr())) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::cast(shifted(a, n, false));
    });
    cls.def("__reduce__",
            [](py::handle self) { return py::make_tuple(self.get_type(), py::make_tuple(py::str(self))); });
    add_comparisons(cls, &hash_address);
}

}  // namespace sockit::python
