// SPDX-License-Identifier: MIT
// name_compressor: suffix table and pointer emission for DNS name compression (RFC 1035 §4.1.4).
#include "sockit/dns/name_compressor.hpp"

#include <cstring>

namespace sockit::dns {
namespace {

/// The name made of the labels of wire starting at byte offset at (a label boundary).
dns_name suffix_at(const dns_name& name, std::size_t at) {
    auto r = dns_name::from_wire(name.wire().subspan(at));
    return r ? *r : dns_name{};  // a suffix of a valid name is always valid
}

}  // namespace

void name_compressor::remember(const dns_name& name, std::size_t from_label, std::size_t at) {
    const bytes_view w = name.wire();
    for (std::size_t i = from_label; w[i] != 0; i += 1U + w[i]) {
        const std::size_t where = at + (i - from_label) - start_;
        if (where > 0x3FFF) return;
        entries_.push_back({suffix_at(name, i), static_cast<std::uint16_t>(where)});
    }
}

void name_compressor::write(const dns_name& name, byte_writer& out) {
    const bytes_view w = name.wire();
    for (std::size_t i = 0; w[i] != 0; i += 1U + w[i]) {
        const dns_name suffix = suffix_at(name, i);
        for (const entry& e : entries_) {
            if (e.suffix == suffix) {
                const std::size_t at = out.size();
                out.bytes(w.subspan(0, i));
                out.be16(static_cast<std::uint16_t>(0xC000U | e.offset));
                // Remember the new labels written before the pointer, so later names can share them.
                if (i > 0) {
                    for (std::size_t j = 0; j < i; j += 1U + w[j]) {
                        const std::size_t where = at + j - start_;
                        if (where > 0x3FFF) break;
                        entries_.push_back({suffix_at(name, j), static_cast<std::uint16_t>(where)});
                    }
                }
                return;
            }
        }
    }
    write_uncompressed(name, out);
}

void name_compressor::write_uncompressed(const dns_name& name, byte_writer& out) {
    const std::size_t at = out.size();
    out.bytes(name.wire());
    remember(name, 0, at);
}

}  // namespace sockit::dns
