// SPDX-License-Identifier: MIT
// `sockit nc`'s shared pieces: its messages (complain, note, target labels), option-to-socket mapping,
// and serving one connection (relay, or -e/-c with the socket as the command's stdin and stdout).
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>

#include "nc_options.hpp"
#include "sockit/core/result.hpp"
#include "sockit/relay/datagram_relay.hpp"
#include "sockit/relay/relay_settings.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/process.hpp"

namespace sockit::cli {

inline constexpr int nc_ok = 0;
inline constexpr int nc_failed = 1;  // netcat's only failure status

/// `sockit nc: MESSAGE` on stderr; returns nc's failure status.
int complain(const std::string& message);
/// A verbose line on stderr (-v).
void note(const std::string& message);

/// "tcp" or "udp".
std::string proto_name(const nc_options& o);
/// SOCK_STREAM or SOCK_DGRAM.
int socktype_of(const nc_options& o);
/// AF_INET (-4), AF_INET6 (-6) or AF_UNSPEC.
int family_of(const nc_options& o);
/// An endpoint's address without the port, for nc's "ADDR PORT" messages.
std::string address_text(const endpoint& ep);
/// "HOST" or "HOST (ADDR)" as nc names a target.
std::string target_label(const std::string& host, const endpoint& ep);
/// "tcp/http" or "tcp/*": the service column of nc's -v lines.
std::string service_label(std::uint16_t port, const nc_options& o);
/// "Connection received on ADDR PORT" (or on a Unix path) for -v.
void note_connection_from(const endpoint& peer);

/// Applies -I, -O and -b to a new socket.
result<void> apply_socket_options(socket& s, const nc_options& o);
/// The numeric port of a port operand (a number, or a service name looked up for the socket type).
result<std::uint16_t, std::string> port_number(const std::string& text, int socktype);
/// The local endpoint for -s/-p in a family (nullopt when neither is given).
result<std::optional<endpoint>, std::string> source_endpoint(const nc_options& o, int family);

/// Starts -e/-c with the socket as its stdin and stdout (the caller waits or reaps). On error the
/// message is printed ("exec CMD: ..." or "fork: ...").
result<sys::child_process> spawn_command(const socket& s, const nc_options& o);

/// Relays one connected socket (or hands it to -e/-c and waits for the command). Returns nc's exit status.
int serve_connection(socket& s, const nc_options& o, relay::relay_state& state, bool datagram,
                     relay::datagram_peer mode = relay::datagram_peer::connected,
                     const relay::peer_callback& on_peer = {});

// The modes, each returning nc's exit status (messages printed).
int run_client(const nc_options& o);     ///< connect to each port in turn and relay (nc_client.cpp)
int run_scan(nc_options o);              ///< -z over IP (nc_client.cpp)
int run_ip_listen(const nc_options& o);  ///< -l over IP (nc_listen.cpp)
int run_unix(const nc_options& o);       ///< -U: connect, listen or -z on a Unix socket (nc_unix.cpp)
/// Accepts and serves clients on a listening stream socket (one, or one after another with -k).
int accept_loop(socket& listener, const nc_options& o);
/// -l -u: waits for datagrams on a bound socket; relays with the first sender (or every sender with -k).
int datagram_listen(socket& s, const nc_options& o);

}  // namespace sockit::cli
