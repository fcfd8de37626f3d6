// SPDX-License-Identifier: MIT
// field_sink: one description of a layer's fields, two renderings: `name=value` (the -v tree) or JSON
// members.
#pragma once

#include "sockit/core/bytes.hpp"
#include "sockit/dissect/put_text.hpp"

namespace sockit::dissect {

// Writes `name=value` pairs (the -v tree) or `"name":value` members (JSON) at a cursor. Every value is
// bounded (addresses, numbers, option bytes capped at max_hex bytes), so one reservation covers a layer.
// Each member writes through a local cursor and stores p once: a store through char* may alias p, so
// advancing p itself byte by byte would reload it from memory after every byte.
template <bool Json>
struct field_sink {
    char* p;
    bool first = true;
    static constexpr std::size_t max_hex = 64;

    char* key(char* q, std::string_view name) noexcept {
        if constexpr (Json) {
            if (!first) *q++ = ',';
            first = false;
            *q++ = '"';
            q = put_s(q, name);
            *q++ = '"';
            *q++ = ':';
        } else {
            *q++ = ' ';
            q = put_s(q, name);
            *q++ = '=';
        }
        return q;
    }
    void u(std::string_view name, std::uint64_t v) noexcept { p = put_u(key(p, name), v); }
    void hex(std::string_view name, std::uint64_t v, int digits) noexcept {
        char* q = key(p, name);
        if constexpr (Json) *q++ = '"';
        *q++ = '0';
        *q++ = 'x';
        q = put_hex(q, v, digits);
        if constexpr (Json) *q++ = '"';
        p = q;
    }
    void flag(std::string_view name, bool v) noexcept {
        char* q = key(p, name);
        if constexpr (Json) {
            q = put_s(q, v ? "true" : "false");
        } else {
            *q++ = v ? '1' : '0';
        }
        p = q;
    }
    template <class F>
    void text(std::string_view name, F&& write) noexcept {
        char* q = key(p, name);
        if constexpr (Json) *q++ = '"';
        q = write(q);
        if constexpr (Json) *q++ = '"';
        p = q;
    }
    void str(std::string_view name, std::string_view v) noexcept {
        text(name, [&](char* q) { return put_s(q, v); });
    }
    // Text that may hold '"' or '\\' (a DNS name's presentation form), escaped for JSON.
    void escaped(std::string_view name, std::string_view v) noexcept {
        text(name, [&](char* q) {
            for (char c : v) {
                if (Json && (c == '"' || c == '\\')) *q++ = '\\';
                *q++ = c;
            }
            return q;
        });
    }
    void ip4(std::string_view name, std::span<const std::uint8_t, 4> a) noexcept {
        text(name, [&](char* q) { return put_ip4(q, a); });
    }
    void ip6(std::string_view name, std::span<const std::uint8_t, 16> a) noexcept {
        text(name, [&](char* q) { return put_ip6(q, a); });
    }
    void mac(std::string_view name, bytes_view b) noexcept {
        text(name, [&](char* q) { return put_mac(q, b.first(b.size() < 16 ? b.size() : 16)); });
    }
    void bytes_hex(std::string_view name, bytes_view b) noexcept {
        text(name, [&](char* q) {
            std::size_t n = b.size() < max_hex ? b.size() : max_hex;
            for (std::size_t i = 0; i < n; ++i) {
                *q++ = hex_digits[b[i] >> 4];
                *q++ = hex_digits[b[i] & 15];
            }
            if (n < b.size()) q = put_s(q, "...");
            return q;
        });
    }
};

// The most bytes a layer's fields take (generous: option lists are bounded by their header sizes).
constexpr std::size_t layer_budget = 4096;

}  // namespace sockit::dissect
