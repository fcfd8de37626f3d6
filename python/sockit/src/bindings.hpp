// SPDX-License-Identifier: MIT
// bindings: the parts of the _sockit extension module, each adding its names to the module.
#pragma once

#include <pybind11/pybind11.h>

namespace sockit::python {

namespace py = pybind11;

/// AddressValueError, NetmaskValueError (ValueError subclasses, as ipaddress has them).
void bind_errors(py::module_& m);
/// The ip_address type.
void bind_address(py::module_& m);
/// The ip_network type, its iterators, collapse_addresses and summarize_address_range.
void bind_network(py::module_& m);
/// parse_addresses, classify and the address_array they build.
void bind_bulk(py::module_& m);
/// resolve() and the dns submodule (query, batch).
void bind_lookup(py::module_& m);
/// decode_pcap and its packet iterator.
void bind_pcap(py::module_& m);

}  // namespace sockit::python
