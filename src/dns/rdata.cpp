// SPDX-License-Identifier: MIT
// rdata: decoding, validation and encoding of typed RDATA (RFC 1035 §3.3, RFC 3596, RFC 2782, RFC 8659,
// RFC 6891 §6.1.2, RFC 3597 for unknown types and for which names may be compressed).
#include "sockit/dns/rdata.hpp"

#include <cstring>
#include <type_traits>
#include <utility>

#include "sockit/core/byte_reader.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/name_compressor.hpp"

namespace sockit::dns {
namespace {

// Variant indexes, in the order of the rdata alternatives.
enum kind : std::size_t {
    k_unknown,
    k_a,
    k_aaaa,
    k_cname,
    k_ns,
    k_ptr,
    k_mx,
    k_txt,
    k_soa,
    k_srv,
    k_caa,
    k_opt
};

/// A reader over one RDATA: fields must stay inside it (bad_length otherwise), names may point back into
/// the message before it.
class rdata_reader {
public:
    rdata_reader(bytes_view message, std::size_t offset, std::size_t length) noexcept
        : message_(message.first(offset + length)), pos_(offset), end_(offset + length) {}

    result<std::uint8_t> u8() noexcept {
        if (end_ - pos_ < 1) return fail(codec_errc::bad_length);
        return message_[pos_++];
    }
    result<std::uint16_t> be16() noexcept {
        if (end_ - pos_ < 2) return fail(codec_errc::bad_length);
        const std::uint16_t v = load_be16(message_.data() + pos_);
        pos_ += 2;
        return v;
    }
    result<std::uint32_t> be32() noexcept {
        if (end_ - pos_ < 4) return fail(codec_errc::bad_length);
        const std::uint32_t v = load_be32(message_.data() + pos_);
        pos_ += 4;
        return v;
    }
    result<bytes_view> bytes(std::size_t n) noexcept {
        if (end_ - pos_ < n) return fail(codec_errc::bad_length);
        bytes_view v = message_.subspan(pos_, n);
        pos_ += n;
        return v;
    }
    result<dns_name> name() noexcept {
        std::size_t end = 0;
        auto n = dns_name::decode(message_, pos_, &end);
        if (!n) {
            // Running off the RDATA (message_ ends with it) means the RDATA length is wrong.
            if (n.error() == make_error_code(codec_errc::truncated)) return fail(codec_errc::bad_length);
            return n;
        }
        pos_ = end;
        return n;
    }
    [[nodiscard]] std::size_t remaining() const noexcept { return end_ - pos_; }
    result<void> finish() const noexcept {
        if (pos_ != end_) return fail(codec_errc::bad_length);
        return {};
    }

private:
    bytes_view message_;
    std::size_t pos_;
    std::size_t end_;
};

/// RFC 8659 §4.1: a CAA tag is letters and digits only.
bool is_alnum(bytes_view tag) noexcept {
    for (std::uint8_t c : tag)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    return true;
}

#define SOCKIT_TRY(var, expr)                   \
    auto var##_r = (expr);                      \
    if (!var##_r) return fail(var##_r.error()); \
    auto var = std::move(*var##_r)

template <class T>
result<T> finish_with(const rdata_reader& r, T value) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (auto f = r.finish(); !f) return fail(f.error());
    return value;
}

template <std::size_t N>
result<std::array<std::uint8_t, N>> fixed(rdata_reader& r) noexcept {
    if (r.remaining() != N) return fail(codec_errc::bad_length);
    SOCKIT_TRY(b, r.bytes(N));
    std::array<std::uint8_t, N> out{};
    std::memcpy(out.data(), b.data(), N);
    return out;
}

/// The RDATA that is one domain name (CNAME, NS, PTR: RFC 1035 §3.3) as the alternative T.
template <class T>
result<rdata> decode_name_only(rdata_reader& r) {
    SOCKIT_TRY(n, r.name());
    if (auto f = r.finish(); !f) return fail(f.error());
    return rdata{T{n}};
}

result<rdata_mx> decode_mx(rdata_reader& r) noexcept {
    SOCKIT_TRY(pref, r.be16());
    SOCKIT_TRY(name, r.name());
    return finish_with(r, rdata_mx{pref, name});
}

result<rdata_soa> decode_soa(rdata_reader& r) noexcept {
    rdata_soa s;
    SOCKIT_TRY(mname, r.name());
    SOCKIT_TRY(rname, r.name());
    s.mname = mname;
    s.rname = rname;
    std::uint32_t* fields[] = {&s.serial, &s.refresh, &s.retry, &s.expire, &s.minimum};
    for (std::uint32_t* f : fields) {
        SOCKIT_TRY(v, r.be32());
        *f = v;
    }
    return finish_with(r, s);
}

result<rdata_srv> decode_srv(rdata_reader& r) noexcept {
    rdata_srv s;
    SOCKIT_TRY(prio, r.be16());
    SOCKIT_TRY(weight, r.be16());
    SOCKIT_TRY(port, r.be16());
    SOCKIT_TRY(target, r.name());
    s.priority = prio;
    s.weight = weight;
    s.port = port;
    s.target = target;
    return finish_with(r, s);
}

/// Walks TXT character-strings; calls f(bytes_view) for each.
template <class F>
result<void> walk_txt(rdata_reader& r, F&& f) {
    while (r.remaining() > 0) {
        SOCKIT_TRY(len, r.u8());
        SOCKIT_TRY(s, r.bytes(len));
        f(s);
    }
    return {};
}

/// Walks CAA: flags, tag length (1..255), tag, value.
result<void> walk_caa(rdata_reader& r, std::uint8_t& flags, bytes_view& tag, bytes_view& value) noexcept {
    SOCKIT_TRY(fl, r.u8());
    SOCKIT_TRY(tag_len, r.u8());
    if (tag_len == 0) return fail(codec_errc::bad_value);
    SOCKIT_TRY(t, r.bytes(tag_len));
    if (!is_alnum(t)) return fail(codec_errc::bad_value);
    SOCKIT_TRY(v, r.bytes(r.remaining()));
    flags = fl;
    tag = t;
    value = v;
    return {};
}

/// Walks OPT options; calls f(code, data) for each.
template <class F>
result<void> walk_opt(rdata_reader& r, F&& f) {
    while (r.remaining() > 0) {
        SOCKIT_TRY(code, r.be16());
        SOCKIT_TRY(len, r.be16());
        SOCKIT_TRY(data, r.bytes(len));
        f(code, data);
    }
    return {};
}

std::string to_std_string(bytes_view b) { return std::string(as_chars(b)); }

}  // namespace

std::size_t rdata_kind(rr_type type, rr_class klass) noexcept {
    const bool in = klass == rr_class::in;
    switch (type) {
        case rr_type::a: return in ? k_a : k_unknown;
        case rr_type::aaaa: return in ? k_aaaa : k_unknown;
        case rr_type::cname: return k_cname;
        case rr_type::ns: return k_ns;
        case rr_type::ptr: return k_ptr;
        case rr_type::mx: return k_mx;
        case rr_type::txt: return k_txt;
        case rr_type::soa: return k_soa;
        case rr_type::srv: return in ? k_srv : k_unknown;
        case rr_type::caa: return k_caa;
        case rr_type::opt: return k_opt;
        default: return k_unknown;
    }
}

rr_type rdata_type(const rdata& rd) noexcept {
    static constexpr rr_type types[] = {rr_type{0},   rr_type::a,   rr_type::aaaa, rr_type::cname,
                                        rr_type::ns,  rr_type::ptr, rr_type::mx,   rr_type::txt,
                                        rr_type::soa, rr_type::srv, rr_type::caa,  rr_type::opt};
    return types[rd.index()];
}

result<rdata> decode_rdata(rr_type type, rr_class klass, bytes_view message, std::size_t offset,
                           std::size_t length) {
    if (offset > message.size() || length > message.size() - offset) return fail(codec_errc::truncated);
    rdata_reader r(message, offset, length);
    switch (rdata_kind(type, klass)) {
        case k_a: {
            SOCKIT_TRY(a, fixed<4>(r));
            return rdata{rdata_a{a}};
        }
        case k_aaaa: {
            SOCKIT_TRY(a, fixed<16>(r));
            return rdata{rdata_aaaa{a}};
        }
        case k_cname: return decode_name_only<rdata_cname>(r);
        case k_ns: return decode_name_only<rdata_ns>(r);
        case k_ptr: return decode_name_only<rdata_ptr>(r);
        case k_mx: {
            SOCKIT_TRY(mx, decode_mx(r));
            return rdata{mx};
        }
        case k_soa: {
            SOCKIT_TRY(soa, decode_soa(r));
            return rdata{soa};
        }
        case k_srv: {
            SOCKIT_TRY(srv, decode_srv(r));
            return rdata{srv};
        }
        case k_txt: {
            rdata_txt txt;
            auto w = walk_txt(r, [&](bytes_view s) { txt.strings.push_back(to_std_string(s)); });
            if (!w) return fail(w.error());
            return rdata{std::move(txt)};
        }
        case k_caa: {
            std::uint8_t flags = 0;
            bytes_view tag, value;
            if (auto w = walk_caa(r, flags, tag, value); !w) return fail(w.error());
            return rdata{rdata_caa{flags, to_std_string(tag), to_std_string(value)}};
        }
        case k_opt: {
            rdata_opt opt;
            auto w = walk_opt(r, [&](std::uint16_t code, bytes_view data) {
                opt.options.push_back({code, byte_buffer(data.begin(), data.end())});
            });
            if (!w) return fail(w.error());
            return rdata{std::move(opt)};
        }
        default: {
            const bytes_view b = message.subspan(offset, length);
            return rdata{rdata_unknown{byte_buffer(b.begin(), b.end())}};
        }
    }
}

result<void> validate_rdata(rr_type type, rr_class klass, bytes_view message, std::size_t offset,
                            std::size_t length) noexcept {
    if (offset > message.size() || length > message.size() - offset) return fail(codec_errc::truncated);
    rdata_reader r(message, offset, length);
    auto check = [](const auto& res) -> result<void> {
        if (!res) return fail(res.error());
        return {};
    };
    switch (rdata_kind(type, klass)) {
        case k_a: return check(fixed<4>(r));
        case k_aaaa: return check(fixed<16>(r));
        case k_cname:
        case k_ns:
        case k_ptr: {
            if (auto n = r.name(); !n) return fail(n.error());
            return r.finish();
        }
        case k_mx: return check(decode_mx(r));
        case k_soa: return check(decode_soa(r));
        case k_srv: return check(decode_srv(r));
        case k_txt: return walk_txt(r, [](bytes_view) noexcept {});
        case k_caa: {
            std::uint8_t flags = 0;
            bytes_view tag, value;
            return walk_caa(r, flags, tag, value);
        }
        case k_opt: return walk_opt(r, [](std::uint16_t, bytes_view) noexcept {});
        default: return {};
    }
}

result<void> encode_rdata(const rdata& rd, byte_writer& out, name_compressor* compressor) {
    auto put_name = [&](const dns_name& n, bool compressible) {
        if (compressor != nullptr && compressible) {
            compressor->write(n, out);
        } else if (compressor != nullptr) {
            compressor->write_uncompressed(n, out);
        } else {
            out.bytes(n.wire());
        }
    };
    return std::visit(
        [&](const auto& v) -> result<void> {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, rdata_a> || std::is_same_v<T, rdata_aaaa>) {
                out.bytes(v.address);
            } else if constexpr (std::is_same_v<T, rdata_cname> || std::is_same_v<T, rdata_ptr>) {
                put_name(v.target, true);
            } else if constexpr (std::is_same_v<T, rdata_ns>) {
                put_name(v.host, true);
            } else if constexpr (std::is_same_v<T, rdata_mx>) {
                out.be16(v.preference);
                put_name(v.exchange, true);
            } else if constexpr (std::is_same_v<T, rdata_soa>) {
                put_name(v.mname, true);
                put_name(v.rname, true);
                out.be32(v.serial);
                out.be32(v.refresh);
                out.be32(v.retry);
                out.be32(v.expire);
                out.be32(v.minimum);
            } else if constexpr (std::is_same_v<T, rdata_srv>) {
                out.be16(v.priority);
                out.be16(v.weight);
                out.be16(v.port);
                put_name(v.target, false);  // RFC 2782: the target is never compressed
            } else if constexpr (std::is_same_v<T, rdata_txt>) {
                for (const std::string& s : v.strings)
                    if (s.size() > 255) return fail(codec_errc::too_large);
                for (const std::string& s : v.strings) {
                    out.u8(static_cast<std::uint8_t>(s.size()));
                    out.bytes(as_bytes(s));
                }
            } else if constexpr (std::is_same_v<T, rdata_caa>) {
                if (v.tag.empty() || !is_alnum(as_bytes(v.tag))) return fail(codec_errc::bad_value);
                if (v.tag.size() > 255) return fail(codec_errc::too_large);
                out.u8(v.flags);
                out.u8(static_cast<std::uint8_t>(v.tag.size()));
                out.bytes(as_bytes(v.tag));
                out.bytes(as_bytes(v.value));
            } else if constexpr (std::is_same_v<T, rdata_opt>) {
                for (const edns_option& o : v.options)
                    if (o.data.size() > 65535) return fail(codec_errc::too_large);
                for (const edns_option& o : v.options) {
                    out.be16(o.code);
                    out.be16(static_cast<std::uint16_t>(o.data.size()));
                    out.bytes(o.data);
                }
            } else {
                out.bytes(v.data);
            }
            return {};
        },
        rd);
}

}  // namespace sockit::dns
