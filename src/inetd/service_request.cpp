// SPDX-License-Identifier: MIT
// service_request: from the services asked for to the engine's listener specs.
#include "sockit/inetd/service_request.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "sockit/inetd/service_adapter.hpp"

namespace sockit::inetd {

bool runs_as_root() noexcept { return ::geteuid() == 0; }

result<std::vector<serve::listener_spec>, std::string> make_listeners(
    std::span<const service_request> requests, const service_settings& settings,
    const listen_defaults& defaults) {
    using serve::transport;
    std::vector<serve::listener_spec> listeners;
    for (const auto& w : requests) {
        auto entry = make_service(w.service, settings);
        if (!entry) return fail(std::move(entry).error());
        const auto& svc = entry->svc;
        const std::uint16_t port = w.port ? *w.port : default_port(svc->standard_port(), defaults.privileged);
        for (auto proto : {transport::tcp, transport::udp}) {
            if (w.only && *w.only != proto) continue;
            if (proto == transport::tcp && !svc->has_stream()) continue;
            if (proto == transport::udp && !svc->has_datagram()) {
                if (w.only) return fail(fmt::format("{} has no UDP side", w.service));
                continue;
            }
            serve::listener_spec l;
            l.service = w.service;
            l.proto = proto;
            if (w.address)
                l.address = *w.address;
            else if (defaults.bind)
                l.address = endpoint(*defaults.bind, port);
            l.port = port;
            if (proto == transport::tcp)
                l.make_stream = stream_factory_for(svc);
            else
                l.make_datagram = datagram_factory_for(svc);
            l.policy = entry->policy;
            listeners.push_back(std::move(l));
        }
    }
    return listeners;
}

}  // namespace sockit::inetd
