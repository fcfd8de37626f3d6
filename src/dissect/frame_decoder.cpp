// SPDX-License-Identifier: MIT
// frame_decoder: the dissection loop: link header, EtherType/PPP/family dispatch, IPv4/IPv6 (extension
// headers, fragments), transport, DNS on port 53 (RFC 1035 §4.2); issues are noted per layer and decoding
// goes on where it is safe.
#include "sockit/dissect/frame_decoder.hpp"

#include "checksum_check.hpp"
#include "sockit/core/byte_order.hpp"

namespace sockit::dissect {

using namespace sockit::wire;

namespace {

// The codec_errc inside an error_code from one of the views' parse() (they only return codec errors).
codec_errc errc_of(const std::error_code& e) noexcept {
    return e.category() == codec_category() ? static_cast<codec_errc>(e.value()) : codec_errc::bad_value;
}

// What the bytes at the cursor are expected to be.
enum class next_kind { ethertype, ip_version, ip_proto, payload, done };

// The well-known port of DNS (RFC 1035 §4.2), over UDP and TCP; multicast DNS (RFC 6762) and LLMNR
// (RFC 4795) use the same message format over UDP.
constexpr std::uint16_t dns_port = 53;
constexpr std::uint16_t mdns_port = 5353;
constexpr std::uint16_t llmnr_port = 5355;

constexpr bool is_dns_udp_port(std::uint16_t port) noexcept {
    return port == dns_port || port == mdns_port || port == llmnr_port;
}

class dissector {
public:
    dissector(bytes_view frame, std::array<frame_layer, decoded_frame::max_layers>& layers,
              std::size_t& count, bool verify)
        : frame_(frame), layers_(layers), count_(count), verify_(verify) {}

    // Appends a layer; false (and the rest as payload) when the layer budget is spent.
    bool push(const layer_view& v, bytes_view at, codec_errc issue = {}) noexcept {
        if (count_ + 1 >= decoded_frame::max_layers && !std::holds_alternative<payload_view>(v)) {
            add(payload_view{at}, at, {});
            return false;
        }
        add(v, at, issue);
        return true;
    }
    void add(const layer_view& v, bytes_view at, codec_errc issue) noexcept {
        frame_layer& l = layers_[count_++];
        l.view = v;
        l.offset = static_cast<std::uint32_t>(at.data() - frame_.data());
        l.issue = issue;
        l.checksum = checksum_verdict::not_checked;
        l.checksum_expected = 0;
    }
    void stop(codec_errc why, bytes_view at) noexcept {
        stop_ = why;
        stop_offset_ = static_cast<std::size_t>(at.data() - frame_.data());
    }

    void run(link_type link) noexcept {
        bytes_view cur = frame_;
        next_kind next = next_kind::done;
        std::uint32_t value = 0;  // the EtherType or IP protocol announcing the next layer
        switch (link) {
            case link_type::ethernet: {
                auto e = ethernet_view::parse(cur);
                if (!e) return stop(codec_errc::truncated, cur);
                if (!push(*e, cur)) return;
                cur = e->payload();
                value = e->ethertype();
                next = e->is_802_3() ? next_kind::payload : next_kind::ethertype;
                break;
            }
            case link_type::linux_sll:
            case link_type::linux_sll2: {
                auto s = link == link_type::linux_sll ? sll_view::parse_v1(cur) : sll_view::parse_v2(cur);
                if (!s) return stop(codec_errc::truncated, cur);
                if (!push(*s, cur)) return;
                cur = s->payload();
                value = s->protocol();
                // Non-Ethernet interfaces put Linux ETH_P_ values here; the IP ones are EtherTypes anyway.
                next = next_kind::ethertype;
                break;
            }
            case link_type::null:
            case link_type::loop: {
                auto n = null_view::parse(cur, link == link_type::loop);
                if (!n) return stop(codec_errc::truncated, cur);
                if (!push(*n, cur)) return;
                cur = n->payload();
                next = n->is_ipv4() || n->is_ipv6() ? next_kind::ip_version : next_kind::payload;
                break;
            }
            case link_type::ppp:
            case link_type::ppp_serial: {
                auto p = ppp_view::parse(cur);
                if (!p) return stop(errc_of(p.error()), cur);
                if (!push(*p, cur)) return;
                cur = p->payload();
                next = p->protocol() == ppp_proto::ipv4 || p->protocol() == ppp_proto::ipv6
                           ? next_kind::ip_version
                           : next_kind::payload;
                break;
            }
            case link_type::raw:
            case link_type::ipv4:
            case link_type::ipv6: next = next_kind::ip_version; break;
        }
        while (next != next_kind::done) {
            if (cur.empty()) return;
            switch (next) {
                case next_kind::ethertype: next = after_ethertype(cur, value); break;
                case next_kind::ip_version: next = ip_by_version(cur, value); break;
                case next_kind::ip_proto: next = after_ip_proto(cur, value); break;
                case next_kind::payload:
                    application(cur);
                    next = next_kind::done;
                    break;
                case next_kind::done: break;
            }
        }
    }

    codec_errc stop_{};
    std::size_t stop_offset_ = 0;

private:
    next_kind after_ethertype(bytes_view& cur, std::uint32_t& value) noexcept {
        switch (value) {
            case ethertype::vlan:
            case ethertype::qinq:
            case ethertype::qinq_old: {
                auto v = vlan_view::parse(cur);
                if (!v) return stop(codec_errc::truncated, cur), next_kind::done;
                if (!push(*v, cur)) return next_kind::done;
                cur = v->payload();
                value = v->ethertype();
                return value <= ethertype::max_length ? next_kind::payload : next_kind::ethertype;
            }
            case ethertype::arp: {
                auto a = arp_view::parse(cur);
                if (!a) return stop(codec_errc::truncated, cur), next_kind::done;
                push(*a, cur);
                return next_kind::done;  // what follows is link-layer padding
            }
            case ethertype::ipv4: return ipv4(cur, value);
            case ethertype::ipv6: return ipv6(cur, value);
            default: return next_kind::payload;
        }
    }

    next_kind ip_by_version(bytes_view& cur, std::uint32_t& value) noexcept {
        switch (cur[0] >> 4) {
            case 4: return ipv4(cur, value);
            case 6: return ipv6(cur, value);
            default: return stop(codec_errc::bad_version, cur), next_kind::done;
        }
    }

    next_kind ipv4(bytes_view& cur, std::uint32_t& value) noexcept {
        auto r = ipv4_view::parse(cur);
        if (!r) return stop(errc_of(r.error()), cur), next_kind::done;
        const ipv4_view& ip = *r;
        checksum_outcome sum{};
        if (verify_)
            sum = ip.checksum_ok() ? checksum_outcome{checksum_verdict::ok, ip.checksum()}
                                   : failed_plain_checksum(ip.header(), ip.checksum());
        codec_errc issue{};
        if (!ip.length_ok()) {
            issue = codec_errc::bad_length;
        } else if (sum.verdict == checksum_verdict::bad) {
            issue = codec_errc::bad_checksum;
        } else if (!ip.complete()) {
            issue = codec_errc::truncated;
        }
        if (!push(ip, cur, issue)) return next_kind::done;
        mark(sum);
        ip_version_ = 4;
        src4_ = ip.src().data();
        dst4_ = ip.dst().data();
        whole_ = ip.length_ok() && ip.complete() && !ip.more_fragments();
        fragment_ = ip.more_fragments();
        cur = ip.payload();
        value = ip.protocol();
        if (ip.fragment_offset() != 0) return next_kind::payload;  // not a transport header
        return next_kind::ip_proto;
    }

    next_kind ipv6(bytes_view& cur, std::uint32_t& value) noexcept {
        auto r = ipv6_view::parse(cur);
        if (!r) return stop(errc_of(r.error()), cur), next_kind::done;
        const ipv6_view& ip = *r;
        if (!push(ip, cur, ip.complete() ? codec_errc{} : codec_errc::truncated)) return next_kind::done;
        ip_version_ = 6;
        src6_ = ip.src().data();
        dst6_ = ip.dst().data();
        whole_ = ip.complete();
        fragment_ = false;
        cur = ip.payload();
        value = ip.next_header();
        return next_kind::ip_proto;
    }

    next_kind after_ip_proto(bytes_view& cur, std::uint32_t& value) noexcept {
        std::uint8_t proto = static_cast<std::uint8_t>(value);
        if (ip_version_ == 6 && ipv6_ext_view::is_extension(proto)) {
            auto e = ipv6_ext_view::parse(proto, cur);
            if (!e) return stop(codec_errc::truncated, cur), next_kind::done;
            if (!push(*e, cur)) return next_kind::done;
            cur = e->payload();
            value = e->next_header();
            if (proto == ip_proto::fragment) {
                if (e->more_fragments()) {
                    whole_ = false;
                    fragment_ = true;
                }
                if (e->fragment_offset() != 0) return next_kind::payload;
            } else if (proto == ip_proto::routing && e->segments_left() > 0) {
                // The transport checksum uses the final destination (RFC 8200 §8.1): the last address
                // of a type 0 or 2 header, the first segment (listed last-to-first) of an SRH (RFC 8754).
                bytes_view rd = e->routing_data();
                if ((e->routing_type() == 0 || e->routing_type() == 2) && rd.size() >= 20) {
                    dst6_ = rd.data() + 4 + (rd.size() - 4) / 16 * 16 - 16;
                } else if (e->routing_type() == 4 && rd.size() >= 20) {
                    dst6_ = rd.data() + 4;
                }
            }
            return value == ip_proto::no_next ? (cur.empty() ? next_kind::done : next_kind::payload)
                                              : next_kind::ip_proto;
        }
        switch (proto) {
            case ip_proto::icmp: {
                auto m = icmp_view::parse(cur);
                if (!m) return stop(codec_errc::truncated, cur), next_kind::done;
                checksum_outcome sum{};
                if (verify_ && whole_)
                    sum = m->checksum_ok() ? checksum_outcome{checksum_verdict::ok, m->checksum()}
                                           : failed_plain_checksum(m->bytes(), m->checksum());
                if (push(*m, cur, issue_of(sum))) mark(sum);
                return next_kind::done;  // the body (echo data, quoted datagram) stays in the ICMP layer
            }
            case ip_proto::icmpv6: {
                auto m = icmpv6_view::parse(cur);
                if (!m) return stop(codec_errc::truncated, cur), next_kind::done;
                checksum_outcome sum{};
                if (verify_ && whole_ && ip_version_ == 6)
                    sum = m->checksum_ok(std::span<const std::uint8_t, 16>(src6_, 16),
                                         std::span<const std::uint8_t, 16>(dst6_, 16))
                              ? checksum_outcome{checksum_verdict::ok, m->checksum()}
                              : failed_transport_checksum(pseudo(), ip_proto::icmpv6, m->bytes(),
                                                          m->checksum());
                codec_errc issue = issue_of(sum);
                if (issue == codec_errc{} && m->is_ndp()) {
                    ndp_option_cursor oc(m->ndp_options());
                    ndp_option o;
                    while (oc.next(o)) {
                    }
                    if (oc.error() != codec_errc{}) issue = codec_errc::bad_length;
                }
                if (push(*m, cur, issue)) mark(sum);
                return next_kind::done;
            }
            case ip_proto::udp: {
                auto u = udp_view::parse(cur);
                if (!u) return stop(codec_errc::truncated, cur), next_kind::done;
                codec_errc issue{};
                checksum_outcome sum{};
                if (!u->length_ok()) {
                    if (u->length() < udp_view::header_size || (whole_ && !fragment_)) {
                        issue = codec_errc::bad_length;
                    } else if (!fragment_) {
                        issue = codec_errc::truncated;
                    }  // the first fragment of a datagram carries only part of what the length counts
                } else if (verify_ && whole_) {
                    sum = u->checksum() == 0 && ip_version_ == 4
                              ? checksum_outcome{checksum_verdict::absent, 0}
                              : transport_checksum(*u, cur.first(u->length()), ip_proto::udp);
                    issue = issue_of(sum);
                }
                if (!push(*u, cur, issue)) return next_kind::done;
                mark(sum);
                cur = u->payload();
                app_ = (is_dns_udp_port(u->sport()) || is_dns_udp_port(u->dport())) && !fragment_
                           ? app::dns_udp
                           : app::none;
                return next_kind::payload;
            }
            case ip_proto::tcp: {
                auto t = tcp_view::parse(cur);
                if (!t) return stop(errc_of(t.error()), cur), next_kind::done;
                checksum_outcome sum{};
                if (verify_ && whole_) sum = transport_checksum(*t, cur, ip_proto::tcp);
                if (!push(*t, cur, issue_of(sum))) return next_kind::done;
                mark(sum);
                cur = t->payload();
                app_ = (t->sport() == dns_port || t->dport() == dns_port) && !fragment_ ? app::dns_tcp
                                                                                        : app::none;
                return next_kind::payload;
            }
            case ip_proto::ipv4:
            case ip_proto::ipv6: return next_kind::ip_version;
            case ip_proto::no_next: return next_kind::payload;
            default: return next_kind::payload;
        }
    }

    // The bytes after the transport header: a DNS message when the ports say so and it parses, else data.
    void application(bytes_view cur) noexcept {
        bytes_view message = cur;
        if (app_ == app::dns_tcp) {
            // One whole message behind its two-byte length, or a piece of a stream we do not reassemble.
            if (cur.size() < 2 || load_be16(cur.data()) != cur.size() - 2)
                return (void)push(payload_view{cur}, cur);
            message = cur.subspan(2);
        }
        if (app_ == app::none) return (void)push(payload_view{cur}, cur);
        auto m = dns::message_view::parse(message);
        if (!m) return (void)push(payload_view{cur}, cur, errc_of(m.error()));
        push(*m, cur);
    }

    // A udp_view or tcp_view checked under the pseudo-header of the IP layer below it; segment is what
    // the checksum covers (for the details of a failure).
    template <class Transport>
    checksum_outcome transport_checksum(const Transport& t, bytes_view segment,
                                        std::uint8_t proto) const noexcept {
        const bool ok = ip_version_ == 4 ? t.checksum_ok_v4(std::span<const std::uint8_t, 4>(src4_, 4),
                                                            std::span<const std::uint8_t, 4>(dst4_, 4))
                                         : t.checksum_ok_v6(std::span<const std::uint8_t, 16>(src6_, 16),
                                                            std::span<const std::uint8_t, 16>(dst6_, 16));
        if (ok) return {checksum_verdict::ok, t.checksum()};
        return failed_transport_checksum(pseudo(), proto, segment, t.checksum());
    }
    [[nodiscard]] pseudo_header pseudo() const noexcept {
        return ip_version_ == 4 ? pseudo_header{4, src4_, dst4_} : pseudo_header{6, src6_, dst6_};
    }
    static codec_errc issue_of(const checksum_outcome& sum) noexcept {
        return sum.verdict == checksum_verdict::bad ? codec_errc::bad_checksum : codec_errc{};
    }
    // Records a checksum outcome on the layer just pushed.
    void mark(const checksum_outcome& sum) noexcept {
        frame_layer& l = layers_[count_ - 1];
        l.checksum = sum.verdict;
        l.checksum_expected = sum.expected;
    }

    bytes_view frame_;
    std::array<frame_layer, decoded_frame::max_layers>& layers_;
    std::size_t& count_;
    bool verify_;
    int ip_version_ = 0;
    const std::uint8_t* src4_ = nullptr;
    const std::uint8_t* dst4_ = nullptr;
    const std::uint8_t* src6_ = nullptr;
    const std::uint8_t* dst6_ = nullptr;
    bool whole_ = false;     // the innermost IP packet was captured whole and is not a fragment
    bool fragment_ = false;  // the innermost IP packet is a first fragment (more fragments follow)
    enum class app { none, dns_udp, dns_tcp };
    app app_ = app::none;  // what the transport's ports say its payload is
};

}  // namespace

bool decoded_frame::has_problem() const noexcept {
    if (stop_ != codec_errc{}) return true;
    for (std::size_t i = 0; i < count_; ++i)
        if (layers_[i].issue != codec_errc{}) return true;
    return false;
}

void decode_frame(bytes_view frame, link_type link, decoded_frame& out, bool verify_checksums) noexcept {
    out.count_ = 0;
    out.stop_ = {};
    out.stop_offset_ = frame.size();
    dissector d(frame, out.layers_, out.count_, verify_checksums);
    d.run(link);
    if (d.stop_ != codec_errc{}) {
        out.stop_ = d.stop_;
        out.stop_offset_ = d.stop_offset_;
    }
}

std::string_view layer_name(const layer_view& view) noexcept {
    struct namer {
        std::string_view operator()(const payload_view&) const noexcept { return "data"; }
        std::string_view operator()(const ethernet_view&) const noexcept { return "eth"; }
        std::string_view operator()(const vlan_view&) const noexcept { return "vlan"; }
        std::string_view operator()(const sll_view& s) const noexcept {
            return s.version() == 1 ? "sll" : "sll2";
        }
        std::string_view operator()(const null_view&) const noexcept { return "null"; }
        std::string_view operator()(const ppp_view&) const noexcept { return "ppp"; }
        std::string_view operator()(const arp_view&) const noexcept { return "arp"; }
        std::string_view operator()(const ipv4_view&) const noexcept { return "ip"; }
        std::string_view operator()(const ipv6_view&) const noexcept { return "ipv6"; }
        std::string_view operator()(const ipv6_ext_view& e) const noexcept {
            switch (e.kind()) {
                case ip_proto::hop_by_hop: return "ipv6.hopopts";
                case ip_proto::routing: return "ipv6.routing";
                case ip_proto::fragment: return "ipv6.fragment";
                case ip_proto::destination: return "ipv6.dstopts";
                default: return "ipv6.ext";
            }
        }
        std::string_view operator()(const icmp_view&) const noexcept { return "icmp"; }
        std::string_view operator()(const icmpv6_view&) const noexcept { return "icmpv6"; }
        std::string_view operator()(const udp_view&) const noexcept { return "udp"; }
        std::string_view operator()(const tcp_view&) const noexcept { return "tcp"; }
        std::string_view operator()(const dns::message_view&) const noexcept { return "dns"; }
    };
    return std::visit(namer{}, view);
}

}  // namespace sockit::dissect
