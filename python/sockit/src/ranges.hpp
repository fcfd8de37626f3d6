// SPDX-License-Identifier: MIT
// ranges: lazy Python iterators over a run of addresses (a network's hosts or members) and over a run of
// equal-sized networks (subnets), so that ::/0 can be iterated without building a list.
#pragma once

#include <pybind11/pybind11.h>

#include "sockit/ip/ip_address.hpp"
#include "sockit/ip/ip_network.hpp"
#include "sockit/ip/uint128.hpp"

namespace sockit::python {

namespace py = pybind11;

/// The addresses first..last (inclusive) of one version.
struct address_run {
    int version = 0;
    uint128 next = 0;
    uint128 last = 0;
    bool done = false;
};

/// The networks of prefix length `prefix` whose first addresses are first, first + step, ..., last.
struct network_run {
    int version = 0;
    int prefix = 0;
    uint128 next = 0;
    uint128 last = 0;
    uint128 step = 0;
    bool done = false;
};

/// Registers the iterator types (address_iterator, network_iterator) on m.
void bind_ranges(py::module_& m);

}  // namespace sockit::python
