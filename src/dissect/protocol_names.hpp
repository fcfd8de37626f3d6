// SPDX-License-Identifier: MIT
// protocol_names: the words the line and the field tree share: tcpdump's TCP flag letters, ICMP (RFC 792)
// and ICMPv6 (RFC 4443, 4861) message type names.
#pragma once

#include <cstdint>
#include <string_view>

#include "sockit/dissect/put_text.hpp"
#include "sockit/wire/tcp_view.hpp"

namespace sockit::dissect {

/// tcpdump's TCP flag letters in its order: F S R P, '.' for ACK, U E W; then N for NS (which tcpdump
/// does not show).
inline char* put_tcp_flags(char* p, std::uint16_t f) noexcept {
    if (f & wire::tcp_flag::fin) *p++ = 'F';
    if (f & wire::tcp_flag::syn) *p++ = 'S';
    if (f & wire::tcp_flag::rst) *p++ = 'R';
    if (f & wire::tcp_flag::psh) *p++ = 'P';
    if (f & wire::tcp_flag::ack) *p++ = '.';
    if (f & wire::tcp_flag::urg) *p++ = 'U';
    if (f & wire::tcp_flag::ece) *p++ = 'E';
    if (f & wire::tcp_flag::cwr) *p++ = 'W';
    if (f & wire::tcp_flag::ns) *p++ = 'N';
    if (f == 0) p = put_s(p, "none");
    return p;
}

/// tcpdump's name of an ICMP type; empty when it has none.
constexpr std::string_view icmp_type_name(std::uint8_t t) noexcept {
    switch (t) {
        case 0: return "echo reply";
        case 3: return "unreachable";
        case 4: return "source quench";
        case 5: return "redirect";
        case 8: return "echo request";
        case 9: return "router advertisement";
        case 10: return "router solicitation";
        case 11: return "time exceeded";
        case 12: return "parameter problem";
        case 13: return "time stamp request";
        case 14: return "time stamp reply";
        default: return {};
    }
}

/// tcpdump's name of an ICMPv6 type; empty when it has none.
constexpr std::string_view icmpv6_type_name(std::uint8_t t) noexcept {
    switch (t) {
        case 1: return "destination unreachable";
        case 2: return "packet too big";
        case 3: return "time exceeded";
        case 4: return "parameter problem";
        case 128: return "echo request";
        case 129: return "echo reply";
        case 130: return "multicast listener query";
        case 131: return "multicast listener report";
        case 132: return "multicast listener done";
        case 133: return "router solicitation";
        case 134: return "router advertisement";
        case 135: return "neighbor solicitation";
        case 136: return "neighbor advertisement";
        case 137: return "redirect";
        case 143: return "multicast listener report v2";
        default: return {};
    }
}

}  // namespace sockit::dissect
