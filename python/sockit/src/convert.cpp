// SPDX-License-Identifier: MIT
// convert: Python ints, strings, bytes and tuples to addresses and networks, with ipaddress's errors.
#include "convert.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <string>

namespace sockit::python {
namespace {

constexpr std::string_view address_kind(int version) noexcept {
    return version == 4 ? "an IPv4 address" : version == 6 ? "an IPv6 address" : "an IPv4 or IPv6 address";
}

[[noreturn]] void raise_bad_value(py::handle obj, int version, error_style style, std::string_view why) {
    std::string message = fmt::format("{} does not appear to be {}{}", py::repr(obj).cast<std::string>(),
                                      address_kind(version), why.empty() ? "" : fmt::format(" ({})", why));
    if (style == error_style::versioned) raise_address_value_error(message);
    throw py::value_error(message);
}

ip_address from_int(py::handle obj, int version, error_style style) {
    auto v = from_python_int(obj);
    const bool fits_v4 = v && *v <= 0xffffffffU;
    if (v && (version == 4 ? fits_v4 : true)) {
        if (version == 6 || (version == 0 && !fits_v4)) return ip_address::from_v6_uint(*v);
        return ip_address::from_v4(static_cast<std::uint32_t>(*v));
    }
    raise_bad_value(obj, version, style, "out of range");
}

ip_address from_bytes(py::handle obj, int version, error_style style) {
    char* data = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(obj.ptr(), &data, &size) != 0) throw py::error_already_set();
    const auto* p = reinterpret_cast<const std::uint8_t*>(data);
    if (size == 4 && version != 6) return ip_address::from_v4_bytes(std::span<const std::uint8_t, 4>(p, 4));
    if (size == 16 && version != 4)
        return ip_address::from_v6_bytes(std::span<const std::uint8_t, 16>(p, 16));
    raise_bad_value(obj, version, style, fmt::format("{} bytes", size));
}

ip_address from_text(std::string_view text, int version, error_style style) {
    auto a = version == 4   ? ip_address::parse_v4(text)
             : version == 6 ? ip_address::parse_v6(text)
                            : ip_address::parse(text);
    if (!a) raise_address_error(a.error(), text, address_kind(version), style);
    return *a;
}

}  // namespace

py::int_ to_python_int(uint128 v) {
    const auto low = static_cast<unsigned long long>(v);
    const auto high = static_cast<unsigned long long>(v >> 64);
    if (high == 0) return py::reinterpret_steal<py::int_>(PyLong_FromUnsignedLongLong(low));
    py::int_ h = py::reinterpret_steal<py::int_>(PyLong_FromUnsignedLongLong(high));
    py::int_ l = py::reinterpret_steal<py::int_>(PyLong_FromUnsignedLongLong(low));
    return py::reinterpret_steal<py::int_>(PyNumber_Or((h << py::int_(64)).ptr(), l.ptr()));
}

std::optional<uint128> from_python_int(py::handle obj) {
    if (!PyLong_Check(obj.ptr())) throw py::type_error("an int is required");
    int overflow = 0;
    long long small = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
    if (small == -1 && PyErr_Occurred()) throw py::error_already_set();
    if (overflow == 0) return small < 0 ? std::nullopt : std::optional<uint128>(static_cast<uint128>(small));
    if (overflow < 0) return std::nullopt;
    py::int_ value = py::reinterpret_borrow<py::int_>(obj);
    py::int_ high = value >> py::int_(64);
    if (PyLong_AsUnsignedLongLong(high.ptr()) == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
        PyErr_Clear();
        return std::nullopt;  // above 2^128 - 1
    }
    const unsigned long long h = PyLong_AsUnsignedLongLong(high.ptr());
    const unsigned long long l = PyLong_AsUnsignedLongLongMask(obj.ptr());
    return (static_cast<uint128>(h) << 64) | l;
}

std::string text_of(py::handle obj) { return py::str(obj).cast<std::string>(); }

ip_address address_from_object(py::handle obj, int version, error_style style) {
    if (PyUnicode_Check(obj.ptr())) {  // the common case first
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(obj.ptr(), &size);
        if (data == nullptr) throw py::error_already_set();
        return from_text(std::string_view(data, static_cast<std::size_t>(size)), version, style);
    }
    if (py::isinstance<ip_address>(obj)) {
        const auto& a = obj.cast<const ip_address&>();
        if (version != 0 && a.version() != version) raise_bad_value(obj, version, style, "other version");
        return a;
    }
    if (PyLong_Check(obj.ptr())) return from_int(obj, version, style);
    if (PyBytes_Check(obj.ptr())) return from_bytes(obj, version, style);
    // ipaddress.ip_address refuses anything else; IPv4Address()/IPv6Address() try str(obj).
    if (style == error_style::factory) raise_bad_value(obj, version, style, "");
    return from_text(text_of(obj), version, style);
}

ip_network network_from_object(py::handle obj, bool strict, int version, error_style style) {
    if (py::isinstance<ip_network>(obj)) {
        const auto& n = obj.cast<const ip_network&>();
        if (version == 0 || n.version() == version) return n;
    }
    std::string text;
    if (PyUnicode_Check(obj.ptr())) {
        text = obj.cast<std::string>();
    } else if (PyTuple_Check(obj.ptr()) && PyTuple_Size(obj.ptr()) >= 1 && PyTuple_Size(obj.ptr()) <= 2) {
        py::tuple t = py::reinterpret_borrow<py::tuple>(obj);
        if (version == 0 && PyLong_Check(t[0].ptr())) {
            // ip_network((int, prefix)) tries IPv4 first, then IPv6 (a small int with a prefix above 32).
            try {
                return network_from_object(obj, strict, 4, style);
            } catch (const std::exception&) {  // error_already_set or value_error: try IPv6
                return network_from_object(obj, strict, 6, style);
            }
        }
        ip_address a = address_from_object(t[0], version, style);
        text = a.with_zone({}).to_string() + "/" +
               (t.size() == 2 ? text_of(t[1]) : std::to_string(a.max_prefix_length()));
    } else if (PyLong_Check(obj.ptr()) || PyBytes_Check(obj.ptr()) || py::isinstance<ip_address>(obj)) {
        ip_address a = address_from_object(obj, version, style);
        return *ip_network::from(a.with_zone({}), a.max_prefix_length());
    } else if (style == error_style::factory) {
        raise_bad_value(obj, version, style, "not a network");
    } else {
        text = text_of(obj);
    }
    if (version != 0) {
        // IPv4Network()/IPv6Network() judge the address part first: one of the other version is an
        // AddressValueError whatever follows the '/'.
        const std::size_t slash = text.find('/');
        const std::string_view what = version == 4 ? "an IPv4 network" : "an IPv6 network";
        if (slash != std::string::npos && text.find('/', slash + 1) != std::string::npos)
            raise_address_error(
                make_address_error(address_errc::bad_character, text.find('/', slash + 1), '/'), text, what,
                style);
        auto a = version == 4 ? ip_address::parse_v4(std::string_view(text).substr(0, slash))
                              : ip_address::parse_v6(std::string_view(text).substr(0, slash));
        if (!a) raise_address_error(a.error(), text, what, style);
    }
    auto n = ip_network::parse(text, strict);
    if (!n && version != 0) style = error_style::versioned_prefix;  // the address part passed above
    if (!n)
        raise_address_error(n.error(), text,
                            version == 4   ? "an IPv4 network"
                            : version == 6 ? "an IPv6 network"
                                           : "an IPv4 or IPv6 network",
                            style);
    return *n;
}

}  // namespace sockit::python
