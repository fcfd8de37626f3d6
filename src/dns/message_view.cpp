// SPDX-License-Identifier: MIT
// message_view: one-pass validation of a whole DNS message and iteration over its sections without
// allocating (RFC 1035 §4.1, OPT placement RFC 6891 §6.1.1).
#include "sockit/dns/message_view.hpp"

#include "sockit/core/byte_order.hpp"
#include "sockit/core/codec_errc.hpp"

namespace sockit::dns {
namespace {

/// Skips a validated name starting at pos; returns the offset after its bytes (not following pointers).
std::size_t skip_name(bytes_view m, std::size_t pos) noexcept {
    while (pos < m.size()) {
        const std::uint8_t len = m[pos];
        if ((len & 0xC0U) == 0xC0U) return pos + 2;
        if (len == 0) return pos + 1;
        pos += 1U + len;
    }
    return pos;
}

}  // namespace

message_view::iterator::iterator(bytes_view message, std::size_t offset, std::size_t left,
                                 bool is_question) noexcept
    : message_(message), offset_(offset), left_(left), question_(is_question) {
    if (left_ > 0) load();
}

void message_view::iterator::load() noexcept {
    const std::size_t after_name = skip_name(message_, offset_);
    current_ = record_view{};
    current_.message = message_;
    current_.name_offset = offset_;
    const std::uint8_t* p = message_.data() + after_name;
    current_.type = static_cast<rr_type>(load_be16(p));
    current_.klass = static_cast<rr_class>(load_be16(p + 2));
    if (!question_) {
        current_.ttl = load_be32(p + 4);
        current_.rdata_length = load_be16(p + 8);
        current_.rdata_offset = after_name + 10;
    }
}

message_view::iterator& message_view::iterator::operator++() noexcept {
    if (left_ == 0) return *this;
    --left_;
    if (question_) {
        offset_ = skip_name(message_, offset_) + 4;
    } else {
        offset_ = current_.rdata_offset + current_.rdata_length;
    }
    if (left_ > 0) load();
    return *this;
}

result<message_view> message_view::parse(bytes_view wire) noexcept {
    auto h = dns_header::decode(wire);
    if (!h) return fail(h.error());
    message_view v;
    v.wire_ = wire;
    v.header_ = *h;
    std::size_t pos = dns_header::size;
    const std::uint16_t counts[4] = {h->qdcount, h->ancount, h->nscount, h->arcount};
    for (std::size_t s = 0; s < 4; ++s) {
        v.section_offset_[s] = pos;
        for (std::size_t i = 0; i < counts[s]; ++i) {
            const std::size_t name_at = pos;
            std::size_t end = 0;
            auto name = dns_name::decode(wire, pos, &end);
            if (!name) return fail(name.error());
            pos = end;
            if (s == 0) {
                if (wire.size() - pos < 4) return fail(codec_errc::truncated);
                pos += 4;
                continue;
            }
            if (wire.size() - pos < 10) return fail(codec_errc::truncated);
            const auto type = static_cast<rr_type>(load_be16(wire.data() + pos));
            const auto klass = static_cast<rr_class>(load_be16(wire.data() + pos + 2));
            const std::size_t rdlength = load_be16(wire.data() + pos + 8);
            pos += 10;
            if (wire.size() - pos < rdlength) return fail(codec_errc::truncated);
            if (type == rr_type::opt) {
                // RFC 6891 §6.1.1: one OPT at most, in the additional section, owned by the root.
                if (s != 3 || v.opt_offset_ != 0 || !name->is_root()) return fail(codec_errc::bad_value);
                v.opt_offset_ = name_at;
            }
            if (auto r = validate_rdata(type, klass, wire, pos, rdlength); !r) return fail(r.error());
            pos += rdlength;
        }
    }
    v.section_offset_[4] = pos;
    if (pos != wire.size()) return fail(codec_errc::bad_length);
    return v;
}

message_view::range message_view::entries(section s) const noexcept {
    const auto i = static_cast<std::size_t>(s);
    const std::uint16_t counts[4] = {header_.qdcount, header_.ancount, header_.nscount, header_.arcount};
    const bool q = s == section::question;
    return range{iterator(wire_, section_offset_[i], counts[i], q),
                 iterator(wire_, section_offset_[i + 1], 0, q), counts[i]};
}

record_view message_view::opt_record() const noexcept {
    if (opt_offset_ == 0) return {};
    return *iterator(wire_, opt_offset_, 1, false);
}

dns::rcode message_view::full_rcode() const noexcept {
    unsigned r = header_.rcode_low;
    if (has_opt()) r |= static_cast<unsigned>(opt_record().ttl >> 24) << 4;
    return static_cast<dns::rcode>(r);
}

bool message_view::matches_question(const dns_name& name, rr_type type, rr_class klass) const noexcept {
    if (header_.qdcount != 1) return false;
    const record_view q = *questions().begin();
    if (q.type != type || q.klass != klass) return false;
    auto n = q.name();
    return n && n->equivalent(name);
}

}  // namespace sockit::dns
