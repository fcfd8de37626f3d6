// SPDX-License-Identifier: MIT
// `sockit nc -U`: Unix stream and datagram sockets (paths, or @name in the abstract namespace): connect,
// listen (the socket file removed at exit and on SIGINT/SIGTERM/SIGHUP) and -z.
#include <fmt/format.h>
#include <sys/un.h>

#include <csignal>

#include "nc_common.hpp"
#include "sockit/sys/scoped_path_remover.hpp"

namespace sockit::cli {
namespace {

result<endpoint> unix_endpoint(const std::string& path) {
    if (!path.empty() && path[0] == '@') return endpoint::unix_abstract(std::string_view(path).substr(1));
    return endpoint::unix_path(path);
}

/// Removes a socket file this process created, at scope exit and on a terminating signal (nothing for an
/// abstract @name or a path too long to be one).
sys::scoped_path_remover socket_file_guard(const std::string& path) {
    if (path.empty() || path[0] == '@' || path.size() >= sizeof(sockaddr_un::sun_path) + 1) return {};
    auto guard = sys::scoped_path_remover::with_signals(path, {SIGINT, SIGTERM, SIGHUP});
    if (guard) return std::move(*guard);
    return sys::scoped_path_remover(path);  // no signal watch: still removed at a normal exit
}

}  // namespace

int run_unix(const nc_options& o) {
    const int type = o.udp ? SOCK_DGRAM : SOCK_STREAM;
    auto where = unix_endpoint(o.host);
    if (!where) return complain(fmt::format("{}: {}", o.host, where.error().message()));
    auto s = socket::open(AF_UNIX, type);
    if (!s) return complain(fmt::format("socket: {}", s.error().message()));
    if (auto r = apply_socket_options(*s, o); !r)
        return complain(fmt::format("setsockopt: {}", r.error().message()));

    if (o.listen) {
        if (auto r = s->bind(*where); !r) return complain(fmt::format("{}: {}", o.host, r.error().message()));
        auto guard = socket_file_guard(o.host);
        if (type == SOCK_STREAM) {
            if (auto r = s->listen(); !r) return complain(fmt::format("listen: {}", r.error().message()));
            if (o.verbose) note(fmt::format("Listening on {}", o.host));
            return accept_loop(*s, o);
        }
        if (o.verbose) note(fmt::format("Bound on {}", o.host));
        return datagram_listen(*s, o);
    }

    if (o.scan) {
        // -z -U: does something listen on that path?
        auto r = s->connect(*where);
        if (!r) {
            if (o.verbose) complain(fmt::format("{}: {}", o.host, r.error().message()));
            return nc_failed;
        }
        if (o.verbose) note(fmt::format("Connection to {} succeeded!", o.host));
        return nc_ok;
    }

    sys::scoped_path_remover local_guard;
    if (type == SOCK_DGRAM) {
        // Replies need an address to come back to: -s PATH, else an autobound abstract name (no file left
        // behind).
        if (!o.source_address.empty()) {
            auto local = unix_endpoint(o.source_address);
            if (!local) return complain(fmt::format("{}: {}", o.source_address, local.error().message()));
            if (auto r = s->bind(*local); !r)
                return complain(fmt::format("{}: {}", o.source_address, r.error().message()));
            local_guard = socket_file_guard(o.source_address);
        } else {
            sockaddr_un autobind{};
            autobind.sun_family = AF_UNIX;
            auto local =
                endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&autobind), sizeof(sa_family_t));
            if (local)
                if (auto r = s->bind(*local); !r)
                    return complain(fmt::format("bind: {}", r.error().message()));
        }
    }
    if (auto r = s->connect(*where); !r) return complain(fmt::format("{}: {}", o.host, r.error().message()));
    relay::relay_state state;
    return serve_connection(*s, o, state, type == SOCK_DGRAM);
}

}  // namespace sockit::cli
