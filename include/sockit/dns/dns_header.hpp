// SPDX-License-Identifier: MIT
// dns_header: the 12-byte DNS message header with every flag (RFC 1035 §4.1.1, RFC 4035 §3.2 AD/CD).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sockit/core/byte_writer.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/dns/rcode.hpp"

namespace sockit::dns {

/// The fixed header. rcode_low is the header's 4-bit RCODE only; the full code of an EDNS message also
/// takes the OPT record's extended bits (see message::full_rcode()).
struct dns_header {
    static constexpr std::size_t size = 12;

    std::uint16_t id = 0;
    bool qr = false;  ///< response
    dns::opcode opcode = dns::opcode::query;
    bool aa = false;             ///< authoritative answer
    bool tc = false;             ///< truncated
    bool rd = false;             ///< recursion desired
    bool ra = false;             ///< recursion available
    bool z = false;              ///< the reserved bit (must be zero)
    bool ad = false;             ///< authentic data (RFC 4035)
    bool cd = false;             ///< checking disabled (RFC 4035)
    std::uint8_t rcode_low = 0;  ///< 0..15
    std::uint16_t qdcount = 0;
    std::uint16_t ancount = 0;
    std::uint16_t nscount = 0;
    std::uint16_t arcount = 0;

    /// Decodes the first 12 bytes of wire. Errors: codec_errc::truncated when fewer. Never allocates.
    static result<dns_header> decode(bytes_view wire) noexcept;

    /// Appends the 12 header bytes. Precondition: opcode < 16, rcode_low < 16.
    void encode(byte_writer& out) const;

    /// The flags word (bytes 2 and 3) as sent.
    [[nodiscard]] std::uint16_t flags_word() const noexcept;

    /// The names of the flags that are set, as dig prints them and in its order: qr aa tc rd ra ad cd (the
    /// reserved z bit is not among them). Allocates.
    [[nodiscard]] std::vector<std::string_view> flag_names() const;

    friend bool operator==(const dns_header&, const dns_header&) = default;
};

}  // namespace sockit::dns
