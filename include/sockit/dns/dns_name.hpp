// SPDX-License-Identifier: MIT
// dns_name: a domain name in uncompressed wire form, stored inline (RFC 1035 §2.3.4, §3.1, §4.1.4).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::dns {

/// An absolute domain name held as its uncompressed wire encoding (length-prefixed labels ending in the
/// zero-length root label) in a fixed 255-byte array: copying or decoding one never allocates.
/// Invariant: labels are 1..63 bytes, the whole encoding is at most 255 bytes.
/// operator== compares bytes exactly (case-sensitive, as a value); equivalent() is DNS's ASCII
/// case-insensitive comparison.
class dns_name {
public:
    static constexpr std::size_t max_wire_size = 255;
    static constexpr std::size_t max_label_size = 63;

    /// The root name ".".
    constexpr dns_name() noexcept : wire_{}, size_(1) {}

    /// Parses presentation text: "example.org" or "example.org." (both absolute), "." for the root, with
    /// the escapes "\." "\\" and "\DDD" (decimal). Errors: codec_errc::bad_value for an empty text, an
    /// empty label or a bad escape; codec_errc::too_large for a label over 63 or a name over 255 bytes.
    static result<dns_name> parse(std::string_view text) noexcept;

    /// Decodes the possibly compressed name that starts at offset in a whole message. Compression
    /// pointers must point strictly backwards of every earlier pointer target (so decoding always ends).
    /// On success *end is set to the offset just past the name's bytes at offset (not past the pointer
    /// targets). Errors: truncated (runs off the message), loop (a pointer that does not point backwards),
    /// bad_value (reserved label types 0x40/0x80), too_large (over 255 bytes). Never allocates.
    static result<dns_name> decode(bytes_view message, std::size_t offset,
                                   std::size_t* end = nullptr) noexcept;

    /// Builds a name from uncompressed wire bytes (exactly one name, ending in the root label).
    /// Errors: truncated, bad_value (a pointer or a reserved label type, bytes after the root), too_large.
    static result<dns_name> from_wire(bytes_view wire) noexcept;

    /// The uncompressed wire encoding (1..255 bytes).
    [[nodiscard]] bytes_view wire() const noexcept { return {wire_.data(), size_}; }
    /// Bytes of the wire encoding.
    [[nodiscard]] std::size_t wire_size() const noexcept { return size_; }
    /// Number of labels, not counting the root ("example.org." has 2).
    [[nodiscard]] std::size_t label_count() const noexcept;
    /// True for the root name ".".
    [[nodiscard]] bool is_root() const noexcept { return size_ == 1; }

    /// Presentation text, absolute with a trailing dot, escaped as dig and BIND do: `. \ " ( ) ; @ $` get
    /// a backslash, bytes outside 0x21..0x7e become \DDD. The root is ".".
    [[nodiscard]] std::string to_string() const;
    /// Appends the presentation text to out (no other allocation).
    void append_to(std::string& out) const;
    /// The most bytes write_text() writes: every byte of a longest name as \DDD.
    static constexpr std::size_t max_text_size = 4 * max_wire_size;
    /// Writes the presentation text (as to_string() returns it) at out, which has room for max_text_size
    /// bytes, and returns the end. Never allocates (for printers that keep up with captures).
    char* write_text(char* out) const noexcept;

    /// ASCII case-insensitive equality, the DNS comparison (RFC 4343).
    [[nodiscard]] bool equivalent(const dns_name& other) const noexcept;

    /// Prepends one label (1..63 bytes, any octets). Errors: bad_value for an empty label, too_large.
    result<void> prepend_label(std::string_view label) noexcept;
    /// Appends other's labels below this name's (this "www" + "example.org." → "www.example.org.").
    /// Errors: too_large.
    result<void> append(const dns_name& other) noexcept;

    friend bool operator==(const dns_name& a, const dns_name& b) noexcept {
        return a.wire().size() == b.wire().size() &&
               std::equal(a.wire().begin(), a.wire().end(), b.wire().begin());
    }

private:
    std::array<std::uint8_t, max_wire_size> wire_;
    std::uint8_t size_;
};

}  // namespace sockit::dns
