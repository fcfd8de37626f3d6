// SPDX-License-Identifier: MIT
// dns_name: presentation parsing, compressed wire decoding with loop protection, and escaping
// (RFC 1035 §2.3.4, §3.1, §4.1.4, §5.1; RFC 4343 case-insensitivity).
#include "sockit/dns/dns_name.hpp"

#include <cstring>

#include "sockit/core/codec_errc.hpp"

namespace sockit::dns {
namespace {

constexpr std::uint8_t lower(std::uint8_t c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<std::uint8_t>(c - 'A' + 'a') : c;
}

/// Characters that get a backslash in presentation form (special in master files).
constexpr bool needs_backslash(std::uint8_t c) noexcept {
    return c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' || c == ';' || c == '@' || c == '$';
}

char* write_label_text(char* out, const std::uint8_t* p, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t c = p[i];
        if (c <= 0x20 || c >= 0x7F) {
            *out++ = '\\';
            *out++ = static_cast<char>('0' + c / 100);
            *out++ = static_cast<char>('0' + (c / 10) % 10);
            *out++ = static_cast<char>('0' + c % 10);
        } else {
            if (needs_backslash(c)) *out++ = '\\';
            *out++ = static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace

result<dns_name> dns_name::parse(std::string_view text) noexcept {
    if (text.empty()) return fail(codec_errc::bad_value);
    dns_name n;
    if (text == ".") return n;
    std::size_t size = 0;      // bytes written to n.wire_
    std::size_t label_at = 0;  // offset of the current label's length byte
    std::size_t label_len = 0;
    bool label_open = false;
    auto put = [&](std::uint8_t c) -> result<void> {
        if (!label_open) {
            label_at = size;
            if (size + 1 > max_wire_size - 1) return fail(codec_errc::too_large);
            n.wire_[size++] = 0;
            label_len = 0;
            label_open = true;
        }
        if (label_len == max_label_size) return fail(codec_errc::too_large);
        // One byte stays free for the root label.
        if (size + 1 > max_wire_size - 1) return fail(codec_errc::too_large);
        n.wire_[size++] = c;
        ++label_len;
        n.wire_[label_at] = static_cast<std::uint8_t>(label_len);
        return {};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch == '.') {
            if (!label_open) return fail(codec_errc::bad_value);  // empty label (or a leading dot)
            label_open = false;
            continue;
        }
        std::uint8_t c = static_cast<std::uint8_t>(ch);
        if (ch == '\\') {
            if (i + 1 >= text.size()) return fail(codec_errc::bad_value);
            const char e = text[i + 1];
            if (e >= '0' && e <= '9') {
                if (i + 3 >= text.size()) return fail(codec_errc::bad_value);  // \DDD needs 3 digits
                unsigned v = 0;
                for (std::size_t k = 1; k <= 3; ++k) {
                    const char d = text[i + k];
                    if (d < '0' || d > '9') return fail(codec_errc::bad_value);
                    v = v * 10 + static_cast<unsigned>(d - '0');
                }
                if (v > 255) return fail(codec_errc::bad_value);
                c = static_cast<std::uint8_t>(v);
                i += 3;
            } else {
                c = static_cast<std::uint8_t>(e);
                i += 1;
            }
        }
        if (auto r = put(c); !r) return fail(r.error());
    }
    n.wire_[size++] = 0;
    n.size_ = static_cast<std::uint8_t>(size);
    return n;
}

result<dns_name> dns_name::decode(bytes_view message, std::size_t offset, std::size_t* end) noexcept {
    dns_name n;
    std::size_t size = 0;
    std::size_t pos = offset;
    std::size_t limit = offset;  // every pointer must point strictly before this (then it becomes the target)
    bool jumped = false;
    for (;;) {
        if (pos >= message.size()) return fail(codec_errc::truncated);
        const std::uint8_t len = message[pos];
        const unsigned kind = len & 0xC0U;
        if (kind == 0xC0U) {
            if (pos + 1 >= message.size()) return fail(codec_errc::truncated);
            const std::size_t target = (static_cast<std::size_t>(len & 0x3FU) << 8) | message[pos + 1];
            if (!jumped && end != nullptr) *end = pos + 2;
            jumped = true;
            if (target >= limit) return fail(codec_errc::loop);
            limit = target;
            pos = target;
            continue;
        }
        if (kind != 0) return fail(codec_errc::bad_value);  // 0x40 extended and 0x80 reserved label types
        if (len == 0) {
            if (size + 1 > max_wire_size) return fail(codec_errc::too_large);
            n.wire_[size++] = 0;
            if (!jumped && end != nullptr) *end = pos + 1;
            n.size_ = static_cast<std::uint8_t>(size);
            return n;
        }
        if (pos + 1 + len > message.size()) return fail(codec_errc::truncated);
        // The label plus the root byte still to come must fit in 255.
        if (size + 1 + len + 1 > max_wire_size) return fail(codec_errc::too_large);
        std::memcpy(n.wire_.data() + size, message.data() + pos, 1U + len);
        size += 1U + len;
        pos += 1U + len;
    }
}

result<dns_name> dns_name::from_wire(bytes_view wire) noexcept {
    if (wire.empty()) return fail(codec_errc::truncated);
    std::size_t end = 0;
    // A pointer in uncompressed wire can only be forward or self-referencing: decode() rejects both as
    // loop; report it as bad_value here, where no pointer is allowed at all.
    auto n = decode(wire, 0, &end);
    if (!n) {
        if (n.error() == make_error_code(codec_errc::loop)) return fail(codec_errc::bad_value);
        return fail(n.error());
    }
    if (end != wire.size()) return fail(codec_errc::bad_value);
    return n;
}

std::size_t dns_name::label_count() const noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; wire_[i] != 0; i += 1U + wire_[i]) ++count;
    return count;
}

char* dns_name::write_text(char* out) const noexcept {
    if (is_root()) {
        *out++ = '.';
        return out;
    }
    // At most 4 bytes per wire byte: a label's bytes as \DDD, its length byte as the dot.
    for (std::size_t i = 0; wire_[i] != 0; i += 1U + wire_[i]) {
        out = write_label_text(out, wire_.data() + i + 1, wire_[i]);
        *out++ = '.';
    }
    return out;
}

void dns_name::append_to(std::string& out) const {
    char text[max_text_size];
    out.append(text, write_text(text));
}

std::string dns_name::to_string() const {
    char text[max_text_size];
    return std::string(text, write_text(text));
}

bool dns_name::equivalent(const dns_name& other) const noexcept {
    if (size_ != other.size_) return false;
    for (std::size_t i = 0; i < size_; ++i)
        if (lower(wire_[i]) != lower(other.wire_[i])) return false;
    return true;
}

result<void> dns_name::prepend_label(std::string_view label) noexcept {
    if (label.empty()) return fail(codec_errc::bad_value);
    if (label.size() > max_label_size || size_ + 1U + label.size() > max_wire_size)
        return fail(codec_errc::too_large);
    const std::size_t shift = 1U + label.size();
    std::memmove(wire_.data() + shift, wire_.data(), size_);
    wire_[0] = static_cast<std::uint8_t>(label.size());
    std::memcpy(wire_.data() + 1, label.data(), label.size());
    size_ = static_cast<std::uint8_t>(size_ + shift);
    return {};
}

result<void> dns_name::append(const dns_name& other) noexcept {
    const std::size_t total = size_ - 1U + other.size_;
    if (total > max_wire_size) return fail(codec_errc::too_large);
    std::memcpy(wire_.data() + size_ - 1, other.wire_.data(), other.size_);
    size_ = static_cast<std::uint8_t>(total);
    return {};
}

}  // namespace sockit::dns
