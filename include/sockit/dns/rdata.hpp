// SPDX-License-Identifier: MIT
// rdata: typed RDATA of the common record types, unknown types kept raw (RFC 1035 §3.3, RFC 3596,
// RFC 2782, RFC 8659, RFC 6891 §6.1.2, RFC 3597).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sockit/core/byte_writer.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/dns/dns_name.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns {

class name_compressor;

/// A (class IN): an IPv4 address.
struct rdata_a {
    std::array<std::uint8_t, 4> address{};
    friend bool operator==(const rdata_a&, const rdata_a&) = default;
};
/// AAAA (class IN): an IPv6 address (RFC 3596).
struct rdata_aaaa {
    std::array<std::uint8_t, 16> address{};
    friend bool operator==(const rdata_aaaa&, const rdata_aaaa&) = default;
};
/// CNAME: the canonical name.
struct rdata_cname {
    dns_name target;
    friend bool operator==(const rdata_cname&, const rdata_cname&) = default;
};
/// NS: an authoritative name server.
struct rdata_ns {
    dns_name host;
    friend bool operator==(const rdata_ns&, const rdata_ns&) = default;
};
/// PTR: a pointer to another name (reverse lookups).
struct rdata_ptr {
    dns_name target;
    friend bool operator==(const rdata_ptr&, const rdata_ptr&) = default;
};
/// MX: a mail exchanger and its preference.
struct rdata_mx {
    std::uint16_t preference = 0;
    dns_name exchange;
    friend bool operator==(const rdata_mx&, const rdata_mx&) = default;
};
/// TXT: one or more character-strings of 0..255 bytes each (any octets).
struct rdata_txt {
    std::vector<std::string> strings;
    friend bool operator==(const rdata_txt&, const rdata_txt&) = default;
};
/// SOA: start of a zone of authority.
struct rdata_soa {
    dns_name mname;  ///< primary name server
    dns_name rname;  ///< responsible mailbox, as a name
    std::uint32_t serial = 0;
    std::uint32_t refresh = 0;
    std::uint32_t retry = 0;
    std::uint32_t expire = 0;
    std::uint32_t minimum = 0;
    friend bool operator==(const rdata_soa&, const rdata_soa&) = default;
};
/// SRV (class IN): a service location (RFC 2782). The target is never compressed on output.
struct rdata_srv {
    std::uint16_t priority = 0;
    std::uint16_t weight = 0;
    std::uint16_t port = 0;
    dns_name target;
    friend bool operator==(const rdata_srv&, const rdata_srv&) = default;
};
/// CAA: a certification authority authorization (RFC 8659). tag is 1..255 bytes.
struct rdata_caa {
    std::uint8_t flags = 0;
    std::string tag;
    std::string value;
    friend bool operator==(const rdata_caa&, const rdata_caa&) = default;
};
/// One EDNS0 option: code and data (RFC 6891 §6.1.2).
struct edns_option {
    std::uint16_t code = 0;
    byte_buffer data;
    friend bool operator==(const edns_option&, const edns_option&) = default;
};
/// OPT: the EDNS0 pseudo-record's options. Its CLASS and TTL fields are read by message (see edns).
struct rdata_opt {
    std::vector<edns_option> options;
    friend bool operator==(const rdata_opt&, const rdata_opt&) = default;
};
/// Any other type (or a class-specific type in another class): the RDATA bytes as they were (RFC 3597).
struct rdata_unknown {
    byte_buffer data;
    friend bool operator==(const rdata_unknown&, const rdata_unknown&) = default;
};

/// RDATA of any record. Which alternative a record holds follows from (type, class): see rdata_kind().
using rdata = std::variant<rdata_unknown, rdata_a, rdata_aaaa, rdata_cname, rdata_ns, rdata_ptr, rdata_mx,
                           rdata_txt, rdata_soa, rdata_srv, rdata_caa, rdata_opt>;

/// The variant index rdata of this type and class decodes to (0, rdata_unknown, for types without
/// typed support; A, AAAA and SRV are typed in class IN only). Never allocates.
[[nodiscard]] std::size_t rdata_kind(rr_type type, rr_class klass) noexcept;

/// The record type an alternative stands for (rr_type{0} for rdata_unknown, whose type is not implied).
[[nodiscard]] rr_type rdata_type(const rdata& rd) noexcept;

/// Decodes the RDATA of (type, klass) at [offset, offset + length) of a whole message (names inside may
/// be compressed and point anywhere earlier in the message). The RDATA must be used exactly.
/// Errors: truncated (the RDATA runs off the message), bad_length (a field or name runs off the RDATA,
/// bytes left over, wrong size for A/AAAA), bad_value (CAA tag empty or not alphanumeric), and those of
/// dns_name::decode (loop, bad_value, too_large).
/// Allocates only for TXT, CAA, OPT and unknown types.
[[nodiscard]] result<rdata> decode_rdata(rr_type type, rr_class klass, bytes_view message, std::size_t offset,
                                         std::size_t length);

/// Checks what decode_rdata checks, without building anything. Never allocates.
[[nodiscard]] result<void> validate_rdata(rr_type type, rr_class klass, bytes_view message,
                                          std::size_t offset, std::size_t length) noexcept;

/// Appends the RDATA (without its length). Names of the RFC 1035 types (CNAME, NS, PTR, MX, SOA) are
/// compressed through compressor when it is not null; others never are (RFC 3597 §4).
/// Errors: too_large (a TXT string or CAA tag over 255 bytes, an option over 65535), bad_value (empty
/// CAA tag).
result<void> encode_rdata(const rdata& rd, byte_writer& out, name_compressor* compressor);

}  // namespace sockit::dns
