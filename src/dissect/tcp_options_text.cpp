// SPDX-License-Identifier: MIT
// tcp_options_text: walks TCP options the way tcpdump's one-line printer does, so that malformed lists
// read the same: the declared length is checked against what is left, each kind takes the value bytes it
// knows (noting "[len N]" when the declared length differs), and a bad length ends the line.
#include "tcp_options_text.hpp"

#include <string_view>

#include "sockit/core/byte_order.hpp"
#include "sockit/dissect/put_text.hpp"
#include "sockit/wire/tcp_view.hpp"

namespace sockit::dissect {
namespace {

// Option kinds beyond those tcp_view names (IANA "TCP Option Kind Numbers").
namespace kind {
inline constexpr std::uint8_t echo = 6;           // RFC 1072, obsolete
inline constexpr std::uint8_t echo_reply = 7;     // RFC 1072, obsolete
inline constexpr std::uint8_t cc = 11;            // RFC 1644, obsolete
inline constexpr std::uint8_t cc_new = 12;        // RFC 1644
inline constexpr std::uint8_t cc_echo = 13;       // RFC 1644
inline constexpr std::uint8_t md5 = 19;           // RFC 2385
inline constexpr std::uint8_t scps = 20;          // SCPS capabilities
inline constexpr std::uint8_t user_timeout = 28;  // RFC 5482
inline constexpr std::uint8_t tcp_ao = 29;        // RFC 5925
inline constexpr std::uint8_t mptcp = 30;         // RFC 8684
inline constexpr std::uint8_t fast_open = 34;     // RFC 7413
inline constexpr std::uint8_t experiment = 254;   // RFC 6994
}  // namespace kind

constexpr std::uint16_t fast_open_magic = 0xf989;  // RFC 7413 §4.1.1 under the experimental kind
constexpr std::size_t md5_size = 16;

std::string_view option_name(std::uint8_t k) noexcept {
    switch (k) {
        case wire::tcp_option::eol: return "eol";
        case wire::tcp_option::nop: return "nop";
        case wire::tcp_option::mss: return "mss";
        case wire::tcp_option::window_scale: return "wscale";
        case wire::tcp_option::sack_permitted: return "sackOK";
        case wire::tcp_option::sack: return "sack";
        case kind::echo: return "echo";
        case kind::echo_reply: return "echoreply";
        case wire::tcp_option::timestamps: return "TS";
        case kind::cc: return "cc";
        case kind::cc_new: return "ccnew";
        case kind::cc_echo: return "";
        case kind::md5: return "md5";
        case kind::scps: return "scps";
        case kind::user_timeout: return "uto";
        case kind::tcp_ao: return "tcp-ao";
        case kind::mptcp: return "mptcp";
        case kind::fast_open: return "tfo";
        case kind::experiment: return "exp";
        default: return {};
    }
}

char* put_hex_bytes(char* p, bytes_view b) noexcept {
    for (std::uint8_t c : b) p = put_hex(p, c, 2);
    return p;
}

// A Fast Open cookie or cookie request (RFC 7413 §4.1.1: 4 to 16 bytes, even).
char* put_fast_open(char* p, bytes_view cookie) noexcept {
    if (cookie.empty()) return put_s(p, " cookiereq");
    if (cookie.size() % 2 != 0 || cookie.size() < 4 || cookie.size() > 16) return put_s(p, " (invalid)");
    return put_hex_bytes(put_s(p, " cookie "), cookie);
}

// MPTCP (RFC 8684 §3): the option length, the subtype's name, and for MP_CAPABLE its version, checksum
// flag and keys. False when the option cannot be what it claims (tcpdump then reports a bad option).
bool put_mptcp(char*& p, bytes_view value, std::uint16_t flags) noexcept {
    static constexpr std::string_view subtypes[] = {"capable", "join", "dss",        "add-addr", "rem-addr",
                                                    "prio",    "fail", "fast-close", "tcprst",   "unknown"};
    const std::size_t len = value.size() + 2;
    p = put_u(put_s(p, " "), len);
    if (value.empty()) return false;
    std::size_t subtype = value[0] >> 4;
    if (subtype >= std::size(subtypes)) subtype = std::size(subtypes) - 1;
    p = put_s(put_s(p, " "), subtypes[subtype]);
    if (subtype != 0) return true;
    const bool syn = (flags & wire::tcp_flag::syn) != 0;
    const bool ack_only = (flags & (wire::tcp_flag::syn | wire::tcp_flag::ack)) == wire::tcp_flag::ack;
    if (!((len == 12 || len == 4) && syn) && !((len == 20 || len == 22) && ack_only)) return false;
    const unsigned version = value[0] & 0x0f;
    if (version > 1) {
        p = put_s(p, " Unknown Version (");
        p = put_u(p, version);
        *p++ = ')';
        return true;
    }
    p = put_u(put_s(p, " v"), version);
    if ((value[1] & 0x80) != 0) p = put_s(p, " csum");
    if (len == 12 || len >= 20) {
        p = put_hex_short(put_s(p, " {0x"), load_be64(value.data() + 2));
        if (len >= 20) p = put_hex_short(put_s(p, ",0x"), load_be64(value.data() + 10));
        *p++ = '}';
    }
    return true;
}

}  // namespace

char* put_tcp_options(char* p, bytes_view options, std::uint32_t sack_base, std::uint16_t flags,
                      bool data_follows, bool& bad) noexcept {
    bad = false;
    if (options.empty()) return p;
    p = put_s(p, ", options [");
    std::size_t left = options.size();  // bytes not yet consumed
    const std::uint8_t* cp = options.data();
    bool first = true;
    auto fail = [&] {
        p = put_s(p, "[bad opt]");
        if (!first) *p++ = ']';
        bad = true;
        return p;
    };
    while (left > 0) {
        if (!first) *p++ = ',';
        const std::uint8_t k = *cp++;
        std::size_t len = 1;
        if (k != wire::tcp_option::eol && k != wire::tcp_option::nop) {
            if (left < 2) {
                // The length byte lies past the options: in the data, it cannot fit what is left (a bad
                // option); past the captured bytes, tcpdump reports the segment cut short.
                if (data_follows) return fail();
                bad = true;
                return put_s(p, " [|tcp]");
            }
            len = *cp++;
            if (len < 2 || len > left) return fail();
            --left;
        }
        --left;
        // The value bytes this kind reads must lie within what is left.
        auto fits = [&](std::size_t n) { return n <= left; };
        std::size_t datalen = 0;
        std::string_view name = option_name(k);
        if (name.data() == nullptr) {
            p = put_u(put_s(p, "unknown-"), k);
        } else {
            p = put_s(p, name);
        }
        switch (k) {
            case wire::tcp_option::mss:
                datalen = 2;
                if (!fits(datalen)) return fail();
                p = put_u(put_s(p, " "), load_be16(cp));
                break;
            case wire::tcp_option::window_scale:
                datalen = 1;
                if (!fits(datalen)) return fail();
                p = put_u(put_s(p, " "), cp[0]);
                break;
            case wire::tcp_option::sack:
                datalen = len - 2;
                if (datalen % 8 != 0) {
                    p = put_s(p, " invalid sack");
                } else {
                    p = put_s(put_u(put_s(p, " "), datalen / 8), " ");
                    for (std::size_t i = 0; i < datalen; i += 8) {
                        if (!fits(i + 8)) return fail();
                        *p++ = '{';
                        p = put_u(p, static_cast<std::uint32_t>(load_be32(cp + i) - sack_base));
                        *p++ = ':';
                        p = put_u(p, static_cast<std::uint32_t>(load_be32(cp + i + 4) - sack_base));
                        *p++ = '}';
                    }
                }
                break;
            case kind::echo:
            case kind::echo_reply:
            case kind::cc:
            case kind::cc_new:
            case kind::cc_echo:
                datalen = 4;
                if (!fits(datalen)) return fail();
                p = put_u(put_s(p, " "), load_be32(cp));
                break;
            case wire::tcp_option::timestamps:
                datalen = 8;
                if (!fits(datalen)) return fail();
                p = put_u(put_s(p, " val "), load_be32(cp));
                p = put_u(put_s(p, " ecr "), load_be32(cp + 4));
                break;
            case kind::md5:
                datalen = md5_size;
                if (!fits(datalen)) return fail();
                p = put_s(p, " shared secret not supplied with -M, can't check - ");
                p = put_hex_bytes(p, bytes_view(cp, md5_size));
                break;
            case kind::scps:
                datalen = 2;
                if (!fits(datalen)) return fail();
                p = put_hex(put_s(p, " cap "), cp[0], 2);
                p = put_u(put_s(p, " id "), cp[1]);
                break;
            case kind::user_timeout: {
                datalen = 2;
                if (!fits(datalen)) return fail();
                std::uint32_t v = load_be16(cp);
                p = put_hex_short(put_s(p, " 0x"), v);
                // The low bit says minutes (1) or seconds (0) for the 15 bits above it.
                p = put_u(put_s(p, " "), (v & 1) != 0 ? (v >> 1) * 60 : v >> 1);
                break;
            }
            case kind::tcp_ao:
                datalen = len - 2;
                if (datalen < 2) {
                    p = put_s(p, " (invalid)");
                } else {
                    p = put_u(put_s(p, " keyid "), cp[0]);
                    p = put_u(put_s(p, " rnextkeyid "), cp[1]);
                    if (datalen > 2) p = put_hex_bytes(put_s(p, " mac 0x"), bytes_view(cp + 2, datalen - 2));
                }
                break;
            case wire::tcp_option::eol:
            case wire::tcp_option::nop:
            case wire::tcp_option::sack_permitted: break;
            case kind::mptcp:
                datalen = len - 2;
                if (!put_mptcp(p, bytes_view(cp, datalen), flags)) return fail();
                break;
            case kind::fast_open:
                datalen = len - 2;
                p = put_fast_open(put_s(p, " "), bytes_view(cp, datalen));
                break;
            case kind::experiment: {
                datalen = len - 2;
                if (datalen < 2) return fail();
                const std::uint16_t magic = load_be16(cp);
                *p++ = '-';
                if (magic == fast_open_magic) {
                    p = put_fast_open(put_s(p, "tfo"), bytes_view(cp + 2, datalen - 2));
                } else {
                    p = put_hex(p, magic, 4);
                }
                break;
            }
            default:
                datalen = len - 2;
                if (datalen != 0) p = put_hex_bytes(put_s(p, " 0x"), bytes_view(cp, datalen));
                break;
        }
        cp += datalen;
        left -= datalen;
        const std::size_t expected =
            datalen + (k == wire::tcp_option::eol || k == wire::tcp_option::nop ? 1 : 2);
        if (expected != len) {
            p = put_s(p, "[len ");
            p = put_u(p, len);
            *p++ = ']';
        }
        first = false;
        if (k == wire::tcp_option::eol) break;
    }
    *p++ = ']';
    return p;
}

}  // namespace sockit::dissect
