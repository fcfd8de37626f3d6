// SPDX-License-Identifier: MIT
// errors: AddressValueError and NetmaskValueError, and the mapping of address_errc onto them.
#include "errors.hpp"

#include <fmt/format.h>

#include <string>

#include "bindings.hpp"

namespace sockit::python {
namespace {

// The exception types, created once when the module is imported (held by the module too).
PyObject* address_value_error = nullptr;
PyObject* netmask_value_error = nullptr;

bool is_netmask_error(const std::error_code& code) noexcept {
    return code == address_errc::bad_prefix || code == address_errc::prefix_too_large ||
           code == address_errc::bad_netmask;
}

}  // namespace

void raise_address_value_error(const std::string& message) {
    PyErr_SetString(address_value_error, message.c_str());
    throw py::error_already_set();
}

void raise_address_error(const address_error& e, std::string_view text, std::string_view what,
                         error_style style) {
    PyObject* type = PyExc_ValueError;
    if (style != error_style::factory && e.code != address_errc::host_bits_set)
        type = style == error_style::versioned_prefix || is_netmask_error(e.code) ? netmask_value_error
                                                                                  : address_value_error;
    std::string message = e.code == address_errc::host_bits_set
                              ? fmt::format("'{}' has host bits set", text)
                              : fmt::format("'{}' does not appear to be {}: {}", text, what, e.message());
    PyErr_SetString(type, message.c_str());
    throw py::error_already_set();
}

void bind_errors(py::module_& m) {
    address_value_error = PyErr_NewExceptionWithDoc(
        "sockit.AddressValueError", "A value error about an address (as ipaddress.AddressValueError).",
        PyExc_ValueError, nullptr);
    netmask_value_error = PyErr_NewExceptionWithDoc(
        "sockit.NetmaskValueError",
        "A value error about a netmask or prefix length (as ipaddress.NetmaskValueError).", PyExc_ValueError,
        nullptr);
    if (address_value_error == nullptr || netmask_value_error == nullptr) throw py::error_already_set();
    m.add_object("AddressValueError", py::handle(address_value_error));
    m.add_object("NetmaskValueError", py::handle(netmask_value_error));
}

}  // namespace sockit::python
