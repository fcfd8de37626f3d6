// SPDX-License-Identifier: MIT
// dns_header: decoding and encoding of the 12-byte DNS header (RFC 1035 §4.1.1, RFC 4035 §3.2).
#include "sockit/dns/dns_header.hpp"

#include <utility>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/codec_errc.hpp"

namespace sockit::dns {

result<dns_header> dns_header::decode(bytes_view wire) noexcept {
    if (wire.size() < size) return fail(codec_errc::truncated);
    const std::uint8_t* p = wire.data();
    dns_header h;
    h.id = load_be16(p);
    const std::uint8_t hi = p[2];
    const std::uint8_t lo = p[3];
    h.qr = (hi & 0x80) != 0;
    h.opcode = static_cast<dns::opcode>((hi >> 3) & 0x0F);
    h.aa = (hi & 0x04) != 0;
    h.tc = (hi & 0x02) != 0;
    h.rd = (hi & 0x01) != 0;
    h.ra = (lo & 0x80) != 0;
    h.z = (lo & 0x40) != 0;
    h.ad = (lo & 0x20) != 0;
    h.cd = (lo & 0x10) != 0;
    h.rcode_low = static_cast<std::uint8_t>(lo & 0x0F);
    h.qdcount = load_be16(p + 4);
    h.ancount = load_be16(p + 6);
    h.nscount = load_be16(p + 8);
    h.arcount = load_be16(p + 10);
    return h;
}

std::uint16_t dns_header::flags_word() const noexcept {
    unsigned w = 0;
    w |= qr ? 0x8000U : 0U;
    w |= (static_cast<unsigned>(opcode) & 0x0FU) << 11;
    w |= aa ? 0x0400U : 0U;
    w |= tc ? 0x0200U : 0U;
    w |= rd ? 0x0100U : 0U;
    w |= ra ? 0x0080U : 0U;
    w |= z ? 0x0040U : 0U;
    w |= ad ? 0x0020U : 0U;
    w |= cd ? 0x0010U : 0U;
    w |= rcode_low & 0x0FU;
    return static_cast<std::uint16_t>(w);
}

std::vector<std::string_view> dns_header::flag_names() const {
    const std::pair<bool, std::string_view> bits[] = {{qr, "qr"}, {aa, "aa"}, {tc, "tc"}, {rd, "rd"},
                                                      {ra, "ra"}, {ad, "ad"}, {cd, "cd"}};
    std::vector<std::string_view> out;
    for (const auto& [on, name] : bits)
        if (on) out.push_back(name);
    return out;
}

void dns_header::encode(byte_writer& out) const {
    out.be16(id);
    out.be16(flags_word());
    out.be16(qdcount);
    out.be16(ancount);
    out.be16(nscount);
    out.be16(arcount);
}

}  // namespace sockit::dns
