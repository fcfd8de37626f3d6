// SPDX-License-Identifier: MIT
// `sockit nc HOST PORT...` and `nc -z`: connect to each address in the resolver's order (nc's -v lines),
// relay; the scan tries every port against every address through nc_scan.
#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <vector>

#include "nc_common.hpp"
#include "nc_scan.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::cli {
namespace {

/// Connects to host:port trying each address in the resolver's order. Prints nc's -v lines; without -v
/// only the last failure. Returns the socket or nullopt (message printed).
std::optional<socket> connect_ip(const nc_options& o, const std::string& port) {
    resolve_hints hints{family_of(o), socktype_of(o), 0, o.numeric ? AI_NUMERICHOST : 0};
    auto found = resolver::resolve(o.host, port, hints);
    if (!found) {
        if (found.error() == gai_errc::service)
            complain(fmt::format("port number invalid: {}", port));
        else
            complain(fmt::format("getaddrinfo for host \"{}\" port {}: {}", o.host, port,
                                 found.error().message()));
        return std::nullopt;
    }
    std::string last_failure = fmt::format("getaddrinfo for host \"{}\" port {}: no address", o.host, port);
    for (const auto& info : found->addresses) {
        const endpoint& target = info.address;
        auto attempt = [&]() -> result<socket> {
            auto s = socket::open(info.family, info.socktype, info.protocol);
            if (!s) return fail(s.error());
            if (auto r = apply_socket_options(*s, o); !r) return fail(r.error());
            auto source = source_endpoint(o, info.family);
            if (!source) {
                complain(source.error());
                return fail(std::make_error_code(std::errc::invalid_argument));
            }
            if (*source) {
                (void)s->set(opt::reuse_address{true});
                if (auto r = s->bind(**source); !r) return fail(r.error());
            }
            auto done =
                o.timeout
                    ? s->connect(target, std::chrono::milliseconds(static_cast<long long>(*o.timeout * 1000)))
                    : s->connect(target);
            if (!done) return fail(done.error());
            return s;
        }();
        if (attempt) {
            if (o.verbose)
                note(fmt::format("Connection to {} {} port [{}] succeeded!", target_label(o.host, target),
                                 target.port(), service_label(target.port(), o)));
            return std::move(*attempt);
        }
        last_failure = fmt::format("connect to {} port {} ({}) failed: {}", target_label(o.host, target),
                                   target.port(), proto_name(o), attempt.error().message());
        if (o.verbose) complain(last_failure);
    }
    if (!o.verbose || found->addresses.empty()) complain(last_failure);
    return std::nullopt;
}

}  // namespace

int run_client(const nc_options& o) {
    relay::relay_state state;
    int status = nc_failed;
    for (const auto& port : o.ports) {
        auto s = connect_ip(o, port);
        if (!s) continue;
        status = serve_connection(*s, o, state, o.udp);
        if (status != nc_ok) return status;
    }
    return status;
}

int run_scan(nc_options o) {
    std::vector<std::uint16_t> ports;
    for (const auto& text : o.ports) {
        auto p = port_number(text, socktype_of(o));
        if (!p) return complain(p.error());
        ports.push_back(*p);
    }
    if (o.random_ports) {
        std::random_device seed;
        std::mt19937 gen(seed());
        std::shuffle(ports.begin(), ports.end(), gen);
    }
    resolve_hints hints{family_of(o), socktype_of(o), 0, o.numeric ? AI_NUMERICHOST : 0};
    auto found = resolver::resolve(o.host, std::to_string(ports.empty() ? 0 : ports.front()), hints);
    if (!found || found->addresses.empty())
        return complain(fmt::format("getaddrinfo for host \"{}\" port {}: {}", o.host,
                                    ports.empty() ? 0 : ports.front(),
                                    found ? std::string("no address") : found.error().message()));
    // Each port against each address, the way nc tries them; a port is open when any address answers.
    std::vector<endpoint> targets;
    for (auto port : ports)
        for (const auto& info : found->addresses) targets.push_back(info.address.with_port(port));

    scan_settings settings;
    settings.socktype = socktype_of(o);
    if (o.timeout) settings.timeout = std::chrono::milliseconds(static_cast<long long>(*o.timeout * 1000));
    settings.interval = std::chrono::milliseconds(static_cast<long long>(o.interval * 1000));
    if (!o.source_address.empty() || o.source_port) {
        auto source = source_endpoint(o, found->addresses.front().family);
        if (!source) return complain(source.error());
        settings.source = *source;
    }
    auto outcomes = scan(targets, settings);
    if (!outcomes) return complain(fmt::format("scan: {}", outcomes.error().message()));

    int status = nc_failed;
    std::size_t per_port = found->addresses.size();
    for (std::size_t i = 0; i < ports.size(); ++i) {
        const scan_outcome* open = nullptr;
        for (std::size_t j = 0; j < per_port; ++j) {
            const auto& out = (*outcomes)[i * per_port + j];
            if (!out.error) {
                open = &out;
                break;
            }
        }
        if (open != nullptr) {
            status = nc_ok;
            if (o.verbose)
                note(fmt::format("Connection to {} {} port [{}] succeeded!",
                                 target_label(o.host, open->target), ports[i], service_label(ports[i], o)));
        } else if (o.verbose) {
            for (std::size_t j = 0; j < per_port; ++j) {
                const auto& out = (*outcomes)[i * per_port + j];
                complain(fmt::format("connect to {} port {} ({}) failed: {}",
                                     target_label(o.host, out.target), ports[i], proto_name(o),
                                     out.error.message()));
            }
        }
    }
    return status;
}

}  // namespace sockit::cli
