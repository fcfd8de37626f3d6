// SPDX-License-Identifier: MIT
// message: owned DNS messages, decoded through message_view and encoded with compression (RFC 1035 §4,
// EDNS0 RFC 6891 §6.1).
#include "sockit/dns/message.hpp"

#include <utility>

#include "sockit/core/byte_writer.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/dns/name_compressor.hpp"

namespace sockit::dns {

result<message> message::decode(bytes_view wire) {
    auto view = message_view::parse(wire);
    if (!view) return fail(view.error());
    return from_view(*view);
}

result<message> message::from_view(const message_view& view) {
    message m;
    m.header = view.header();
    m.questions.reserve(m.header.qdcount);
    for (const record_view& q : view.questions()) {
        auto name = q.name();
        if (!name) return fail(name.error());
        m.questions.push_back({*name, q.type, q.klass});
    }
    for (section s : {section::answer, section::authority, section::additional}) {
        auto& out = m.records(s);
        for (const record_view& rv : view.entries(s)) {
            auto rd = rv.rdata();
            if (!rd) return fail(rd.error());
            if (rv.type == rr_type::opt) {
                dns::edns e;
                e.udp_payload = static_cast<std::uint16_t>(rv.klass);
                e.extended_rcode = static_cast<std::uint8_t>(rv.ttl >> 24);
                e.version = static_cast<std::uint8_t>(rv.ttl >> 16);
                e.dnssec_ok = (rv.ttl & 0x8000U) != 0;
                e.z = static_cast<std::uint16_t>(rv.ttl & 0x7FFFU);
                e.options = std::move(std::get<rdata_opt>(*rd).options);
                m.opt = std::move(e);
                continue;
            }
            auto name = rv.name();
            if (!name) return fail(name.error());
            out.push_back({*name, rv.type, rv.klass, rv.ttl, std::move(*rd)});
        }
    }
    return m;
}

result<void> message::encode_to(byte_buffer& out, bool compress) const {
    const std::size_t start = out.size();
    const std::size_t arcount = additional.size() + (opt ? 1U : 0U);
    if (questions.size() > 65535 || answers.size() > 65535 || authority.size() > 65535 || arcount > 65535)
        return fail(codec_errc::too_large);
    dns_header h = header;
    h.qdcount = static_cast<std::uint16_t>(questions.size());
    h.ancount = static_cast<std::uint16_t>(answers.size());
    h.nscount = static_cast<std::uint16_t>(authority.size());
    h.arcount = static_cast<std::uint16_t>(arcount);
    byte_writer w(out);
    h.encode(w);
    name_compressor comp(start);
    name_compressor* cp = compress ? &comp : nullptr;
    auto put_name = [&](const dns_name& n) {
        if (cp != nullptr) {
            cp->write(n, w);
        } else {
            w.bytes(n.wire());
        }
    };
    for (const question& q : questions) {
        put_name(q.name);
        w.be16(static_cast<std::uint16_t>(q.type));
        w.be16(static_cast<std::uint16_t>(q.klass));
    }
    auto put_record = [&](const dns_name& name, rr_type type, std::uint16_t klass, std::uint32_t ttl,
                          const rdata& rd) -> result<void> {
        put_name(name);
        w.be16(static_cast<std::uint16_t>(type));
        w.be16(klass);
        w.be32(ttl);
        const std::size_t len_at = w.size();
        w.be16(0);
        if (auto r = encode_rdata(rd, w, cp); !r) return r;
        const std::size_t len = w.size() - len_at - 2;
        if (len > 65535) return fail(codec_errc::too_large);
        w.patch_be16(len_at, static_cast<std::uint16_t>(len));
        return {};
    };
    for (const auto* sec : {&answers, &authority, &additional}) {
        for (const resource_record& rr : *sec) {
            if (auto r = put_record(rr.name, rr.type, static_cast<std::uint16_t>(rr.klass), rr.ttl, rr.data);
                !r)
                return r;
        }
    }
    if (opt) {
        const std::uint32_t ttl = (static_cast<std::uint32_t>(opt->extended_rcode) << 24) |
                                  (static_cast<std::uint32_t>(opt->version) << 16) |
                                  (opt->dnssec_ok ? 0x8000U : 0U) | (opt->z & 0x7FFFU);
        if (auto r =
                put_record(dns_name{}, rr_type::opt, opt->udp_payload, ttl, rdata{rdata_opt{opt->options}});
            !r)
            return r;
    }
    if (out.size() - start > 65535) return fail(codec_errc::too_large);
    return {};
}

result<byte_buffer> message::encode(bool compress) const {
    byte_buffer out;
    out.reserve(512);
    if (auto r = encode_to(out, compress); !r) return fail(r.error());
    return out;
}

dns::rcode message::full_rcode() const noexcept {
    unsigned r = header.rcode_low;
    if (opt) r |= static_cast<unsigned>(opt->extended_rcode) << 4;
    return static_cast<dns::rcode>(r);
}

void message::set_rcode(dns::rcode r) noexcept {
    const auto v = static_cast<unsigned>(r);
    header.rcode_low = static_cast<std::uint8_t>(v & 0x0FU);
    if (opt) opt->extended_rcode = static_cast<std::uint8_t>(v >> 4);
}

const std::vector<resource_record>& message::records(section s) const noexcept {
    switch (s) {
        case section::answer: return answers;
        case section::authority: return authority;
        default: return additional;
    }
}

std::vector<resource_record>& message::records(section s) noexcept {
    switch (s) {
        case section::answer: return answers;
        case section::authority: return authority;
        default: return additional;
    }
}

}  // namespace sockit::dns
