// SPDX-License-Identifier: MIT
// Helpers shared by the DNS codec tests: hex, and a seeded generator of random valid messages.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/dns/message.hpp"

namespace sockit::dns::test {

inline std::string to_hex(bytes_view b) {
    static constexpr char d[] = "0123456789abcdef";
    std::string s;
    s.reserve(b.size() * 2);
    for (std::uint8_t c : b) {
        s.push_back(d[c >> 4]);
        s.push_back(d[c & 15]);
    }
    return s;
}

inline byte_buffer from_hex(std::string_view hex) {
    byte_buffer out;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    int hi = -1;
    for (char c : hex) {
        const int v = nibble(c);
        if (v < 0) continue;
        if (hi < 0) {
            hi = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
            hi = -1;
        }
    }
    return out;
}

/// Random but valid messages: names that share suffixes (so compression matters), every typed RDATA
/// kind, unknown private-use types, EDNS with options and extended RCODE bits. Deterministic per seed.
class message_generator {
public:
    explicit message_generator(std::uint32_t seed) : rng_(seed) {}

    message next() {
        message m;
        names_.clear();
        m.header.id = u16();
        const std::uint16_t flags = u16();
        static constexpr std::uint8_t opcodes[] = {0, 0, 0, 1, 2, 4};
        m.header.qr = (flags & 0x8000) != 0;
        m.header.opcode = static_cast<opcode>(opcodes[pick(6)]);
        m.header.aa = (flags & 0x0400) != 0;
        m.header.tc = (flags & 0x0200) != 0;
        m.header.rd = (flags & 0x0100) != 0;
        m.header.ra = (flags & 0x0080) != 0;
        m.header.z = (flags & 0x0040) != 0;
        m.header.ad = (flags & 0x0020) != 0;
        m.header.cd = (flags & 0x0010) != 0;
        m.header.rcode_low = static_cast<std::uint8_t>(flags & 0x0F);
        static constexpr std::uint16_t qtypes[] = {1, 28, 15, 16, 255, 65300};
        for (std::size_t i = pick(3); i > 0; --i)
            m.questions.push_back({name(), static_cast<rr_type>(qtypes[pick(6)]), rr_class::in});
        for (auto* sec : {&m.answers, &m.authority, &m.additional})
            for (std::size_t i = pick(5); i > 0; --i) sec->push_back(record());
        if (pick(2) == 0) {
            edns e;
            e.udp_payload = u16();
            e.extended_rcode = static_cast<std::uint8_t>(pick(256));
            e.version = static_cast<std::uint8_t>(pick(256));
            const std::uint16_t f = u16();
            e.dnssec_ok = (f & 0x8000) != 0;
            e.z = static_cast<std::uint16_t>(f & 0x7FFF);
            static constexpr std::uint16_t codes[] = {3, 10, 12, 65001};
            for (std::size_t i = pick(3); i > 0; --i) e.options.push_back({codes[pick(4)], bytes(pick(13))});
            m.opt = std::move(e);
        }
        m.header.qdcount = static_cast<std::uint16_t>(m.questions.size());
        m.header.ancount = static_cast<std::uint16_t>(m.answers.size());
        m.header.nscount = static_cast<std::uint16_t>(m.authority.size());
        m.header.arcount = static_cast<std::uint16_t>(m.additional.size() + (m.opt ? 1 : 0));
        return m;
    }

private:
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(pick(65536)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(rng_()); }
    byte_buffer bytes(std::size_t n) {
        byte_buffer b(n);
        for (auto& c : b) c = static_cast<std::uint8_t>(pick(256));
        return b;
    }
    std::string text(std::size_t n) {
        std::string s(n, '\0');
        for (auto& c : s) c = static_cast<char>(pick(256));
        return s;
    }

    dns_name name() {
        dns_name n;
        if (!names_.empty() && pick(10) < 6) n = names_[pick(names_.size())];
        const std::size_t labels = pick(4) + (n.is_root() ? 1 : 0);
        for (std::size_t i = 0; i < labels; ++i) {
            std::string label;
            if (pick(10) < 6) {
                static constexpr std::string_view alphabet =
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
                for (std::size_t k = pick(12) + 1; k > 0; --k)
                    label.push_back(alphabet[pick(alphabet.size())]);
            } else {
                label = text(pick(20) + 1);
            }
            if (!n.prepend_label(label)) break;  // too long: keep what fits
        }
        names_.push_back(n);
        return n;
    }

    resource_record record() {
        resource_record rr;
        rr.name = name();
        rr.ttl = static_cast<std::uint32_t>(pick(0x80000000U));  // dnspython reads TTLs over 2^31-1 as 0
        switch (pick(11)) {
            case 0:
                rr = make_record(rr.name, rr.ttl, rdata_a{{static_cast<std::uint8_t>(pick(256)), 0, 2, 1}});
                break;
            case 1: {
                rdata_aaaa a;
                for (auto& c : a.address) c = pick(2) == 0 ? static_cast<std::uint8_t>(pick(256)) : 0;
                rr = make_record(rr.name, rr.ttl, a);
                break;
            }
            case 2: rr = make_record(rr.name, rr.ttl, rdata_cname{name()}); break;
            case 3: rr = make_record(rr.name, rr.ttl, rdata_ns{name()}); break;
            case 4: rr = make_record(rr.name, rr.ttl, rdata_ptr{name()}); break;
            case 5: rr = make_record(rr.name, rr.ttl, rdata_mx{u16(), name()}); break;
            case 6: {
                rdata_txt t;
                static constexpr std::size_t sizes[] = {0, 1, 5, 40, 255};
                for (std::size_t i = pick(4) + 1; i > 0; --i) t.strings.push_back(text(sizes[pick(5)]));
                rr = make_record(rr.name, rr.ttl, std::move(t), pick(2) == 0 ? rr_class::in : rr_class::ch);
                break;
            }
            case 7: {
                dns_name m1 = name(), m2 = name();
                rr = make_record(rr.name, rr.ttl, rdata_soa{m1, m2, u32(), u32(), u32(), u32(), u32()});
                break;
            }
            case 8: {
                const std::uint16_t p = u16(), w = u16(), port = u16();
                rr = make_record(rr.name, rr.ttl, rdata_srv{p, w, port, name()});
                break;
            }
            case 9: {
                std::string tag;
                for (std::size_t k = pick(15) + 1; k > 0; --k)
                    tag.push_back("abcdefghijklmnopqrstuvwxyz0123456789"[pick(36)]);
                rr = make_record(rr.name, rr.ttl,
                                 rdata_caa{static_cast<std::uint8_t>(pick(256)), tag, text(pick(41))});
                break;
            }
            default: {
                static constexpr rr_class classes[] = {rr_class::in, rr_class::ch,
                                                       static_cast<rr_class>(4321)};
                rr.type = static_cast<rr_type>(65280 + pick(255));
                rr.klass = classes[pick(3)];
                rr.data = rdata_unknown{bytes(pick(71))};
                break;
            }
        }
        return rr;
    }

    std::mt19937 rng_;
    std::vector<dns_name> names_;
};

}  // namespace sockit::dns::test
