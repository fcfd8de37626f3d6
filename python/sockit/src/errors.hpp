// SPDX-License-Identifier: MIT
// errors: address parse errors raised as the exceptions ipaddress raises for the same input.
#pragma once

#include <pybind11/pybind11.h>

#include <string_view>

#include "sockit/ip/address_error.hpp"

namespace sockit::python {

/// Which exception an address_error becomes, as ipaddress picks it: its factories ip_address() and
/// ip_network() raise ValueError for anything; IPv4Address()/IPv6Address() raise AddressValueError and
/// IPv4Network()/IPv6Network() raise AddressValueError for the address part, NetmaskValueError for the
/// prefix or mask, and ValueError for host bits set. versioned_prefix: a versioned network whose address
/// part is valid, so that any error but host bits is about the prefix or mask (NetmaskValueError).
enum class error_style { factory, versioned, versioned_prefix };

/// Raises the exception (a pybind11 error_already_set) for `e` on `text`; `what` names the kind of
/// value expected ("an IPv4 address", "an IPv4 or IPv6 network") in the message.
[[noreturn]] void raise_address_error(const address_error& e, std::string_view text, std::string_view what,
                                      error_style style);

/// Raises AddressValueError with `message`.
[[noreturn]] void raise_address_value_error(const std::string& message);

}  // namespace sockit::python
