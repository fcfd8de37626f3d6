// SPDX-License-Identifier: MIT
// module: the _sockit extension's entry point (PyInit__sockit); the package sockit re-exports it.
#include "bindings.hpp"

PYBIND11_MODULE(_sockit, m) {
    m.doc() =
        "sockit's library from Python: IP addresses and networks in the shape of ipaddress, bulk "
        "parsing and classification, name resolution, DNS queries and pcap decoding.";
    sockit::python::bind_errors(m);
    sockit::python::bind_address(m);
    sockit::python::bind_network(m);
    sockit::python::bind_bulk(m);
    sockit::python::bind_lookup(m);
    sockit::python::bind_pcap(m);
}
