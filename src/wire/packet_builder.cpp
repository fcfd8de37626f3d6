// SPDX-License-Identifier: MIT
// packet_builder: serializes layer descriptions outermost first, then fills lengths and checksums
// innermost first (so that a checksum covering an inner header sees its final bytes).
#include "sockit/wire/packet_builder.hpp"

#include <cstring>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/byte_writer.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/wire/icmp_view.hpp"
#include "sockit/wire/icmpv6_view.hpp"
#include "sockit/wire/internet_checksum.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::wire {
namespace {

template <class T>
constexpr std::size_t index_of() {
    return layer_builder(T{}).index();
}

// Where each layer landed in the output.
struct placement {
    std::size_t start = 0;
    std::size_t header_end = 0;
};

class builder {
public:
    explicit builder(std::span<const layer_builder> layers)
        : layers_(layers), marks_(layers.size()), w_(out_) {}

    result<byte_buffer> run() {
        for (std::size_t i = 0; i < layers_.size(); ++i) {
            marks_[i].start = out_.size();
            auto r = std::visit([&](const auto& l) { return write(i, l); }, layers_[i]);
            if (!r) return fail(r.error());
            marks_[i].header_end = out_.size();
        }
        for (std::size_t i = layers_.size(); i-- > 0;) {
            auto r = std::visit([&](const auto& l) { return finish(i, l); }, layers_[i]);
            if (!r) return fail(r.error());
        }
        return std::move(out_);
    }

private:
    // ---- defaults from the next layer -------------------------------------------------------------
    [[nodiscard]] const layer_builder* next(std::size_t i) const {
        return i + 1 < layers_.size() ? &layers_[i + 1] : nullptr;
    }
    [[nodiscard]] std::uint16_t default_ethertype(std::size_t i) const {
        const layer_builder* n = next(i);
        if (n == nullptr) return ethertype::local_experimental;
        if (std::holds_alternative<ipv4_builder>(*n)) return ethertype::ipv4;
        if (std::holds_alternative<ipv6_builder>(*n)) return ethertype::ipv6;
        if (std::holds_alternative<arp_builder>(*n)) return ethertype::arp;
        if (std::holds_alternative<vlan_builder>(*n)) return ethertype::vlan;
        return ethertype::local_experimental;
    }
    [[nodiscard]] std::optional<std::uint8_t> ip_protocol_of_next(std::size_t i) const {
        const layer_builder* n = next(i);
        if (n == nullptr) return std::nullopt;
        if (std::holds_alternative<icmp_builder>(*n)) return ip_proto::icmp;
        if (std::holds_alternative<tcp_builder>(*n)) return ip_proto::tcp;
        if (std::holds_alternative<udp_builder>(*n)) return ip_proto::udp;
        if (std::holds_alternative<ipv4_builder>(*n)) return ip_proto::ipv4;
        if (std::holds_alternative<ipv6_builder>(*n)) return ip_proto::ipv6;
        if (std::holds_alternative<icmpv6_builder>(*n)) return ip_proto::icmpv6;
        if (const auto* e = std::get_if<ipv6_ext_builder>(n)) return e->kind;
        return ip_proto::experimental;
    }
    // The nearest IP layer enclosing layer i (for pseudo-headers), or npos.
    [[nodiscard]] std::size_t enclosing_ip(std::size_t i) const {
        for (std::size_t j = i; j-- > 0;)
            if (std::holds_alternative<ipv4_builder>(layers_[j]) ||
                std::holds_alternative<ipv6_builder>(layers_[j]))
                return j;
        return npos;
    }
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // ---- pass 1: headers ----------------------------------------------------------------------------
    result<void> write(std::size_t i, const ethernet_builder& l) {
        w_.bytes(l.dst.bytes());
        w_.bytes(l.src.bytes());
        w_.be16(l.ethertype.value_or(default_ethertype(i)));
        return {};
    }
    result<void> write(std::size_t i, const vlan_builder& l) {
        if (l.pcp > 7 || l.vid > 4095) return fail(codec_errc::bad_value);
        w_.be16(static_cast<std::uint16_t>((l.pcp << 13) | (l.dei ? 0x1000 : 0) | l.vid));
        w_.be16(l.ethertype.value_or(default_ethertype(i)));
        return {};
    }
    result<void> write(std::size_t i, const ppp_builder& l) {
        std::uint16_t proto = 0;
        if (l.protocol) {
            proto = *l.protocol;
        } else if (const layer_builder* n = next(i);
                   n != nullptr && std::holds_alternative<ipv4_builder>(*n)) {
            proto = ppp_proto::ipv4;
        } else if (n != nullptr && std::holds_alternative<ipv6_builder>(*n)) {
            proto = ppp_proto::ipv6;
        } else {
            return fail(codec_errc::bad_value);
        }
        if (l.address_control) {
            w_.u8(0xff);
            w_.u8(0x03);
        }
        if (l.compress_protocol && proto < 0x100 && (proto & 1) != 0) {
            w_.u8(static_cast<std::uint8_t>(proto));
        } else {
            w_.be16(proto);
        }
        return {};
    }
    result<void> write(std::size_t, const arp_builder& l) {
        w_.be16(1);
        w_.be16(ethertype::ipv4);
        w_.u8(6);
        w_.u8(4);
        w_.be16(l.oper);
        w_.bytes(l.sender_mac.bytes());
        w_.bytes(l.sender_ip);
        w_.bytes(l.target_mac.bytes());
        w_.bytes(l.target_ip);
        return {};
    }
    result<void> write(std::size_t i, const ipv4_builder& l) {
        std::size_t opt_len = (l.options.size() + 3) / 4 * 4;
        if (opt_len > 40) return fail(codec_errc::too_large);
        if (l.fragment_offset > 0x1fff) return fail(codec_errc::bad_value);
        if (l.ihl && *l.ihl > 15) return fail(codec_errc::bad_value);
        std::uint8_t ihl = l.ihl.value_or(static_cast<std::uint8_t>((20 + opt_len) / 4));
        w_.u8(static_cast<std::uint8_t>(0x40 | ihl));
        w_.u8(l.tos);
        w_.be16(0);  // total length: pass 2
        w_.be16(l.id);
        std::uint16_t ff =
            static_cast<std::uint16_t>((l.reserved_flag ? 0x8000 : 0) | (l.dont_fragment ? 0x4000 : 0) |
                                       (l.more_fragments ? 0x2000 : 0) | l.fragment_offset);
        w_.be16(ff);
        w_.u8(l.ttl);
        w_.u8(l.protocol ? *l.protocol : ip_protocol_of_next(i).value_or(ip_proto::experimental));
        w_.be16(0);  // checksum: pass 2
        w_.bytes(l.src);
        w_.bytes(l.dst);
        w_.bytes(l.options);
        w_.zeros(opt_len - l.options.size());
        return {};
    }
    result<void> write(std::size_t i, const ipv6_builder& l) {
        if (l.flow_label > 0xfffff) return fail(codec_errc::bad_value);
        w_.be32((6u << 28) | (std::uint32_t{l.traffic_class} << 20) | l.flow_label);
        w_.be16(0);  // payload length: pass 2
        w_.u8(l.next_header ? *l.next_header : ip_protocol_of_next(i).value_or(ip_proto::no_next));
        w_.u8(l.hop_limit);
        w_.bytes(l.src);
        w_.bytes(l.dst);
        return {};
    }
    result<void> write(std::size_t i, const ipv6_ext_builder& l) {
        std::uint8_t nh = l.next_header ? *l.next_header : ip_protocol_of_next(i).value_or(ip_proto::no_next);
        switch (l.kind) {
            case ip_proto::hop_by_hop:
            case ip_proto::destination: {
                std::size_t size = (2 + l.options.size() + 7) / 8 * 8;
                if (size > 2048) return fail(codec_errc::too_large);
                w_.u8(nh);
                w_.u8(static_cast<std::uint8_t>(size / 8 - 1));
                w_.bytes(l.options);
                std::size_t pad = size - 2 - l.options.size();
                if (pad == 1) {
                    w_.u8(0);  // Pad1
                } else if (pad > 1) {
                    w_.u8(1);  // PadN
                    w_.u8(static_cast<std::uint8_t>(pad - 2));
                    w_.zeros(pad - 2);
                }
                return {};
            }
            case ip_proto::routing: {
                if (l.addresses.size() > 127) return fail(codec_errc::too_large);
                w_.u8(nh);
                w_.u8(static_cast<std::uint8_t>(2 * l.addresses.size()));
                w_.u8(l.routing_type);
                w_.u8(l.segments_left);
                w_.be32(0);
                for (const auto& a : l.addresses) w_.bytes(a);
                return {};
            }
            case ip_proto::fragment:
                if (l.fragment_offset > 0x1fff) return fail(codec_errc::bad_value);
                w_.u8(nh);
                w_.u8(0);
                w_.be16(static_cast<std::uint16_t>((l.fragment_offset << 3) | (l.more_fragments ? 1 : 0)));
                w_.be32(l.identification);
                return {};
            default: return fail(codec_errc::bad_value);
        }
    }
    result<void> write(std::size_t, const icmp_builder& l) {
        w_.u8(l.type);
        w_.u8(l.code);
        w_.be16(0);
        std::uint32_t rest = 0;
        if (l.rest) {
            rest = *l.rest;
        } else {
            switch (l.type) {
                case icmp_type::echo_reply:
                case icmp_type::echo_request:
                case icmp_type::timestamp:
                case icmp_type::timestamp_reply: rest = (std::uint32_t{l.id} << 16) | l.seq; break;
                case icmp_type::redirect: rest = load_be32(l.gateway.data()); break;
                case icmp_type::dest_unreachable: rest = l.next_hop_mtu; break;
                case icmp_type::parameter_problem: rest = std::uint32_t{l.pointer} << 24; break;
                default: break;
            }
        }
        w_.be32(rest);
        return {};
    }
    result<void> write(std::size_t, const icmpv6_builder& l) {
        w_.u8(l.type);
        w_.u8(l.code);
        w_.be16(0);
        switch (l.type) {
            case icmpv6_type::echo_request:
            case icmpv6_type::echo_reply:
                w_.be32(l.rest.value_or((std::uint32_t{l.id} << 16) | l.seq));
                break;
            case icmpv6_type::router_advertisement:
                w_.u8(l.cur_hop_limit);
                w_.u8(static_cast<std::uint8_t>((l.managed ? 0x80 : 0) | (l.other_config ? 0x40 : 0)));
                w_.be16(l.router_lifetime);
                w_.be32(l.reachable_time);
                w_.be32(l.retrans_timer);
                break;
            case icmpv6_type::neighbor_solicitation:
                w_.be32(l.rest.value_or(0));
                w_.bytes(l.target);
                break;
            case icmpv6_type::neighbor_advertisement:
                w_.be32(l.rest.value_or(std::uint32_t((l.router ? 0x80u : 0) | (l.solicited ? 0x40u : 0) |
                                                      (l.override_flag ? 0x20u : 0))
                                        << 24));
                w_.bytes(l.target);
                break;
            case icmpv6_type::redirect:
                w_.be32(l.rest.value_or(0));
                w_.bytes(l.target);
                w_.bytes(l.destination);
                break;
            default: w_.be32(l.rest.value_or(0)); break;
        }
        for (const auto& o : l.options) {
            std::size_t size = (2 + o.value.size() + 7) / 8 * 8;
            if (size > 255 * 8) return fail(codec_errc::too_large);
            w_.u8(o.type);
            w_.u8(static_cast<std::uint8_t>(size / 8));
            w_.bytes(o.value);
            w_.zeros(size - 2 - o.value.size());
        }
        return {};
    }
    result<void> write(std::size_t, const udp_builder& l) {
        w_.be16(l.sport);
        w_.be16(l.dport);
        w_.be16(0);
        w_.be16(0);
        return {};
    }
    result<void> write(std::size_t, const tcp_builder& l) {
        if (l.sack.size() > 4) return fail(codec_errc::bad_value);
        byte_buffer opts;
        byte_writer ow(opts);
        if (l.mss) {
            ow.u8(2);
            ow.u8(4);
            ow.be16(*l.mss);
        }
        if (l.sack_permitted) {
            if (!l.timestamps) {
                ow.u8(1);
                ow.u8(1);
            }
            ow.u8(4);
            ow.u8(2);
        }
        if (l.timestamps) {
            if (!l.sack_permitted) {
                ow.u8(1);
                ow.u8(1);
            }
            ow.u8(8);
            ow.u8(10);
            ow.be32(l.timestamps->first);
            ow.be32(l.timestamps->second);
        }
        if (l.window_scale) {
            ow.u8(1);
            ow.u8(3);
            ow.u8(3);
            ow.u8(*l.window_scale);
        }
        if (!l.sack.empty()) {
            ow.u8(1);
            ow.u8(1);
            ow.u8(5);
            ow.u8(static_cast<std::uint8_t>(2 + 8 * l.sack.size()));
            for (const auto& [left, right] : l.sack) {
                ow.be32(left);
                ow.be32(right);
            }
        }
        ow.bytes(l.raw_options);
        if (opts.size() % 4 != 0) {
            while (opts.size() % 4 != 3) ow.u8(1);
            ow.u8(0);
        }
        if (opts.size() > 40) return fail(codec_errc::too_large);
        if (l.data_offset && *l.data_offset > 15) return fail(codec_errc::bad_value);
        if (l.flags > 0x1ff) return fail(codec_errc::bad_value);
        std::uint8_t off = l.data_offset.value_or(static_cast<std::uint8_t>((20 + opts.size()) / 4));
        w_.be16(l.sport);
        w_.be16(l.dport);
        w_.be32(l.seq);
        w_.be32(l.ack);
        w_.be16(static_cast<std::uint16_t>((off << 12) | l.flags));
        w_.be16(l.window);
        w_.be16(0);
        w_.be16(l.urgent_pointer);
        w_.bytes(opts);
        return {};
    }
    result<void> write(std::size_t, const raw_builder& l) {
        w_.bytes(l.data);
        return {};
    }

    // ---- pass 2: lengths and checksums ------------------------------------------------------------
    [[nodiscard]] std::size_t length_from(std::size_t i) const { return out_.size() - marks_[i].start; }

    // The transport checksum of layer i (bytes from its start to the end) with the pseudo-header of its
    // enclosing IP layer, if any.
    [[nodiscard]] std::uint16_t transport_checksum(std::size_t i, std::uint8_t proto) const {
        std::size_t len = length_from(i);
        internet_checksum c;
        std::size_t ip = enclosing_ip(i);
        if (ip != npos) {
            if (const auto* v4 = std::get_if<ipv4_builder>(&layers_[ip])) {
                c.add_pseudo_header_v4(v4->src, v4->dst, proto, static_cast<std::uint16_t>(len));
            } else {
                const auto& v6 = std::get<ipv6_builder>(layers_[ip]);
                c.add_pseudo_header_v6(v6.src, v6.dst, proto, static_cast<std::uint32_t>(len));
            }
        }
        c.add(bytes_view(out_).subspan(marks_[i].start));
        return c.value();
    }

    template <class L>
    result<void> finish(std::size_t, const L&) {
        return {};
    }
    result<void> finish(std::size_t i, const ipv4_builder& l) {
        std::size_t len = length_from(i);
        if (!l.total_length && len > 0xffff) return fail(codec_errc::too_large);
        std::uint8_t* h = out_.data() + marks_[i].start;
        store_be16(h + 2, l.total_length.value_or(static_cast<std::uint16_t>(len)));
        std::size_t hs = marks_[i].header_end - marks_[i].start;
        std::uint16_t sum = l.checksum ? *l.checksum : internet_checksum::of(bytes_view(h, hs));
        store_be16(h + 10, sum);
        return {};
    }
    result<void> finish(std::size_t i, const ipv6_builder& l) {
        std::size_t len = length_from(i) - 40;
        if (!l.payload_length && len > 0xffff) return fail(codec_errc::too_large);
        store_be16(out_.data() + marks_[i].start + 4,
                   l.payload_length.value_or(static_cast<std::uint16_t>(len)));
        return {};
    }
    result<void> finish(std::size_t i, const udp_builder& l) {
        std::size_t len = length_from(i);
        if (len > 0xffff) return fail(codec_errc::too_large);
        std::uint8_t* h = out_.data() + marks_[i].start;
        store_be16(h + 4, l.length.value_or(static_cast<std::uint16_t>(len)));
        std::uint16_t sum = 0;
        if (l.checksum) {
            sum = *l.checksum;
        } else if (enclosing_ip(i) != npos) {
            sum = transport_checksum(i, ip_proto::udp);
            if (sum == 0) sum = 0xffff;  // zero means "no checksum" (RFC 768)
        }
        store_be16(h + 6, sum);
        return {};
    }
    result<void> finish(std::size_t i, const tcp_builder& l) {
        std::uint16_t sum = 0;
        if (l.checksum) {
            sum = *l.checksum;
        } else if (enclosing_ip(i) != npos) {
            sum = transport_checksum(i, ip_proto::tcp);
        }
        store_be16(out_.data() + marks_[i].start + 16, sum);
        return {};
    }
    result<void> finish(std::size_t i, const icmp_builder& l) {
        std::uint16_t sum =
            l.checksum ? *l.checksum : internet_checksum::of(bytes_view(out_).subspan(marks_[i].start));
        store_be16(out_.data() + marks_[i].start + 2, sum);
        return {};
    }
    result<void> finish(std::size_t i, const icmpv6_builder& l) {
        std::uint16_t sum = 0;
        if (l.checksum) {
            sum = *l.checksum;
        } else {
            std::size_t ip = enclosing_ip(i);
            if (ip != npos && std::holds_alternative<ipv6_builder>(layers_[ip])) {
                sum = transport_checksum(i, ip_proto::icmpv6);
            } else {
                sum = internet_checksum::of(bytes_view(out_).subspan(marks_[i].start));
            }
        }
        store_be16(out_.data() + marks_[i].start + 2, sum);
        return {};
    }

    std::span<const layer_builder> layers_;
    std::vector<placement> marks_;
    byte_buffer out_;
    byte_writer w_;
};

}  // namespace

ndp_option_builder ndp_option_builder::link_layer(std::uint8_t type, const mac_address& mac) {
    return {type, byte_buffer(mac.bytes().begin(), mac.bytes().end())};
}

ndp_option_builder ndp_option_builder::prefix_information(std::uint8_t prefix_length, bool on_link,
                                                          bool autonomous, std::uint32_t valid_lifetime,
                                                          std::uint32_t preferred_lifetime,
                                                          const std::array<std::uint8_t, 16>& prefix) {
    byte_buffer v;
    byte_writer w(v);
    w.u8(prefix_length);
    w.u8(static_cast<std::uint8_t>((on_link ? 0x80 : 0) | (autonomous ? 0x40 : 0)));
    w.be32(valid_lifetime);
    w.be32(preferred_lifetime);
    w.be32(0);
    w.bytes(prefix);
    return {ndp_option_type::prefix_information, std::move(v)};
}

ndp_option_builder ndp_option_builder::mtu(std::uint32_t mtu) {
    byte_buffer v;
    byte_writer w(v);
    w.be16(0);
    w.be32(mtu);
    return {ndp_option_type::mtu, std::move(v)};
}

result<byte_buffer> build_packet(std::span<const layer_builder> layers) { return builder(layers).run(); }

}  // namespace sockit::wire
