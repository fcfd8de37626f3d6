// SPDX-License-Identifier: MIT
// ranges: the lazy address and network iterators behind hosts(), subnets() and iter(network).
#include "ranges.hpp"

#include "bindings.hpp"

namespace sockit::python {

void bind_ranges(py::module_& m) {
    py::class_<address_run>(m, "address_iterator", "A lazy iterator over a run of addresses.")
        .def("__iter__", [](py::object self) { return self; })
        .def("__next__", [](address_run& r) {
            if (r.done) throw py::stop_iteration();
            ip_address a = ip_address::from_uint(r.version, r.next);
            if (r.next == r.last) {
                r.done = true;
            } else {
                ++r.next;
            }
            return a;
        });
    py::class_<network_run>(m, "network_iterator", "A lazy iterator over a run of equal-sized networks.")
        .def("__iter__", [](py::object self) { return self; })
        .def("__next__", [](network_run& r) {
            if (r.done) throw py::stop_iteration();
            auto n = ip_network::from(ip_address::from_uint(r.version, r.next), r.prefix);
            if (r.next == r.last) {
                r.done = true;
            } else {
                r.next += r.step;
            }
            return *n;
        });
}

}  // namespace sockit::python
