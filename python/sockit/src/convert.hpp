// SPDX-License-Identifier: MIT
// convert: Python values to and from the library's: int <-> uint128, an address or network from the
// objects ipaddress accepts (str, int, bytes, an address, an (address, prefix) tuple).
#pragma once

#include <pybind11/pybind11.h>

#include "errors.hpp"
#include "sockit/ip/ip_address.hpp"
#include "sockit/ip/ip_network.hpp"
#include "sockit/ip/uint128.hpp"

namespace sockit::python {

namespace py = pybind11;

/// A Python int for v (exact for all 128 bits).
py::int_ to_python_int(uint128 v);

/// The value of an int within 0..2^128-1; nullopt for a negative or larger one. Raises TypeError when
/// obj is not an int.
std::optional<uint128> from_python_int(py::handle obj);

/// An address from str, int, bytes (4 or 16) or an ip_address, as ipaddress.ip_address (version 0,
/// factory style) or IPv4Address/IPv6Address (version 4 or 6, versioned style) read them.
ip_address address_from_object(py::handle obj, int version, error_style style);

/// A network from str, int, bytes, an ip_address, an ip_network or an (address, prefix) tuple, as
/// ipaddress.ip_network (version 0) or IPv4Network/IPv6Network (version 4 or 6) read them.
ip_network network_from_object(py::handle obj, bool strict, int version, error_style style);

/// The text of a Python object as str() gives it.
std::string text_of(py::handle obj);

}  // namespace sockit::python
