// SPDX-License-Identifier: MIT
// `sockit nc`: netcat with OpenBSD nc's flags: connect, listen (-l -k), UDP, Unix sockets, scan (-z), exec
// (-e/-c). The modes live in nc_client.cpp, nc_listen.cpp and nc_unix.cpp; the relays in sockit::relay.
#include <csignal>
#include <iostream>

#include "commands.hpp"
#include "nc_common.hpp"
#include "nc_options.hpp"
#include "sockit/sys/scoped_sigaction.hpp"

namespace sockit::cli {

int run_nc(std::span<char*> args) {
    auto parsed = parse_nc_options(args);
    if (!parsed) return complain(parsed.error());
    const nc_options& o = *parsed;
    if (o.help) {
        std::cout << nc_help();
        return nc_ok;
    }
    // A peer that goes away must surface as EPIPE from splice/write, not kill us (send uses MSG_NOSIGNAL).
    auto sigpipe = scoped_sigaction::install(SIGPIPE, SIG_IGN);
    if (o.scan && !o.unix_socket) return run_scan(o);
    if (o.unix_socket) return run_unix(o);
    if (o.listen) return run_ip_listen(o);
    return run_client(o);
}

}  // namespace sockit::cli
