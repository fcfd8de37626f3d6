// SPDX-License-Identifier: MIT
// message: an owned DNS message, decoded from or encoded to wire form with name compression (RFC 1035 §4,
// EDNS0 RFC 6891).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/dns/dns_header.hpp"
#include "sockit/dns/edns.hpp"
#include "sockit/dns/question.hpp"
#include "sockit/dns/rcode.hpp"
#include "sockit/dns/resource_record.hpp"

namespace sockit::dns {

class message_view;

/// The sections of a message.
enum class section : std::uint8_t { question, answer, authority, additional };

/// A whole message as values. The OPT pseudo-record is not kept among the additional records: it is
/// lifted into `opt` on decode and written last in the additional section on encode.
/// header's counts are those read on decode; encode() writes the counts of the vectors instead.
struct message {
    dns_header header;
    std::vector<question> questions;
    std::vector<resource_record> answers;
    std::vector<resource_record> authority;
    std::vector<resource_record> additional;  ///< without the OPT record
    std::optional<dns::edns> opt;             ///< EDNS0, when the message has an OPT record

    /// Decodes one whole message (a UDP payload, or one TCP frame without its length prefix).
    /// Errors: those of message_view::parse. Allocates the vectors.
    static result<message> decode(bytes_view wire);

    /// The owned copy of a message already checked by message_view::parse (whose bytes must still be
    /// alive). Errors: none in practice (parse checked every name and RDATA); those of record_view's
    /// accessors otherwise. Allocates the vectors.
    static result<message> from_view(const message_view& view);

    /// Encodes the message, compressing names unless compress is false. Errors: too_large (over 65535
    /// bytes, or a count over 65535), and those of encode_rdata.
    [[nodiscard]] result<byte_buffer> encode(bool compress = true) const;
    /// Appends the encoding to out (e.g. after a TCP length prefix). Errors: as encode().
    result<void> encode_to(byte_buffer& out, bool compress = true) const;

    /// The 12-bit RCODE: the header's 4 bits plus the OPT record's extended bits.
    [[nodiscard]] dns::rcode full_rcode() const noexcept;
    /// Sets the header's and, for values over 15, the OPT record's bits. Precondition: opt is set when
    /// r > 15.
    void set_rcode(dns::rcode r) noexcept;

    /// The records of one section (answer, authority or additional; precondition: not question).
    [[nodiscard]] const std::vector<resource_record>& records(section s) const noexcept;
    [[nodiscard]] std::vector<resource_record>& records(section s) noexcept;

    friend bool operator==(const message&, const message&) = default;
};

}  // namespace sockit::dns
