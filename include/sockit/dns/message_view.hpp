// SPDX-License-Identifier: MIT
// message_view: a validated, zero-allocation view of one DNS message in caller-owned bytes (RFC 1035 §4.1).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/dns/dns_header.hpp"
#include "sockit/dns/dns_name.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/rdata.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns {

/// One question or record inside a message_view: fixed fields decoded, name and RDATA on demand.
/// Valid only as long as the bytes the view was parsed from.
struct record_view {
    bytes_view message;           ///< the whole message
    std::size_t name_offset = 0;  ///< where the (maybe compressed) owner name starts
    rr_type type{};
    rr_class klass{};
    std::uint32_t ttl = 0;         ///< 0 for questions
    std::size_t rdata_offset = 0;  ///< 0 for questions
    std::uint16_t rdata_length = 0;

    /// The owner name, decompressed (never fails on a view from message_view::parse). Never allocates.
    [[nodiscard]] result<dns_name> name() const noexcept { return dns_name::decode(message, name_offset); }
    /// The RDATA bytes as sent (names inside may be compression pointers into message).
    [[nodiscard]] bytes_view rdata_bytes() const noexcept {
        return message.subspan(rdata_offset, rdata_length);
    }
    /// The typed RDATA. Errors: none on a view from message_view::parse. Allocates as decode_rdata does.
    [[nodiscard]] result<dns::rdata> rdata() const {
        return decode_rdata(type, klass, message, rdata_offset, rdata_length);
    }
};

/// A DNS message checked completely once by parse() — header, every name (compression included), every
/// record's RDATA for the known types, OPT placement, no trailing bytes — so that reading it afterwards
/// cannot fail. Holds offsets only: cheap to copy, never allocates. Not tied to a thread.
class message_view {
public:
    /// Iterates the entries of one section in order.
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = record_view;
        using difference_type = std::ptrdiff_t;
        using pointer = const record_view*;
        using reference = const record_view&;

        iterator() noexcept = default;
        iterator(bytes_view message, std::size_t offset, std::size_t left, bool is_question) noexcept;
        reference operator*() const noexcept { return current_; }
        pointer operator->() const noexcept { return &current_; }
        iterator& operator++() noexcept;
        iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.left_ == b.left_; }

    private:
        void load() noexcept;
        bytes_view message_;
        std::size_t offset_ = 0;
        std::size_t left_ = 0;
        bool question_ = false;
        record_view current_;
    };

    /// A section as a range.
    struct range {
        iterator first;
        iterator last;
        std::size_t count = 0;
        [[nodiscard]] iterator begin() const noexcept { return first; }
        [[nodiscard]] iterator end() const noexcept { return last; }
        [[nodiscard]] std::size_t size() const noexcept { return count; }
        [[nodiscard]] bool empty() const noexcept { return count == 0; }
    };

    /// Parses and validates a whole message. Errors (codec_errc): truncated (the bytes end inside the
    /// header, a name, a record or its RDATA), bad_length (bytes after the last record, an RDATA whose
    /// fields do not fill it exactly), bad_value (reserved label type, more than one OPT, OPT outside the
    /// additional section or not owned by the root, CAA tag length 0), loop (a compression pointer that
    /// does not point backwards), too_large (a name over 255 bytes). Never allocates; thread-safe.
    static result<message_view> parse(bytes_view wire) noexcept;

    [[nodiscard]] const dns_header& header() const noexcept { return header_; }
    [[nodiscard]] bytes_view wire() const noexcept { return wire_; }
    /// The entries of a section (question entries have ttl and RDATA fields zero).
    [[nodiscard]] range entries(section s) const noexcept;
    [[nodiscard]] range questions() const noexcept { return entries(section::question); }
    [[nodiscard]] range answers() const noexcept { return entries(section::answer); }
    [[nodiscard]] range authority() const noexcept { return entries(section::authority); }
    [[nodiscard]] range additional() const noexcept { return entries(section::additional); }

    /// The OPT record, when there is one (in the additional section).
    [[nodiscard]] bool has_opt() const noexcept { return opt_offset_ != 0; }
    [[nodiscard]] record_view opt_record() const noexcept;
    /// The 12-bit RCODE (header bits plus the OPT record's extended bits).
    [[nodiscard]] dns::rcode full_rcode() const noexcept;

    /// True when the message has exactly one question and it equals (name, type, klass), the name compared
    /// case-insensitively: what a resolver checks before trusting a response. Never allocates.
    [[nodiscard]] bool matches_question(const dns_name& name, rr_type type, rr_class klass) const noexcept;

private:
    bytes_view wire_;
    dns_header header_;
    std::array<std::size_t, 5> section_offset_{};  ///< start of each section, then the end
    std::size_t opt_offset_ = 0;                   ///< the OPT record's name offset, 0 when none
};

}  // namespace sockit::dns
