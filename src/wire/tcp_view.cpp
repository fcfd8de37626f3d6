// SPDX-License-Identifier: MIT
// tcp_view: parsing TCP (RFC 9293), its options (RFC 2018, RFC 7323) and checking its checksum.
#include "sockit/wire/tcp_view.hpp"

#include "sockit/core/codec_errc.hpp"
#include "sockit/wire/internet_checksum.hpp"
#include "sockit/wire/option_cursor.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::wire {

result<tcp_view> tcp_view::parse(bytes_view data) noexcept {
    if (data.size() < min_header_size) return fail(codec_errc::truncated);
    std::size_t hs = std::size_t{data[12]} / 16 * 4;
    if (hs < min_header_size) return fail(codec_errc::bad_length);
    if (data.size() < hs) return fail(codec_errc::truncated);
    return tcp_view(data);
}

namespace {

// The value of the first option of this kind with exactly len value bytes.
bytes_view find_option(bytes_view options, std::uint8_t kind, std::size_t len) noexcept {
    option_cursor cur(options);
    option_entry e;
    while (cur.next(e)) {
        if (e.kind == 0) break;
        if (e.kind == kind) return e.value.size() == len ? e.value : bytes_view{};
    }
    return {};
}

}  // namespace

std::optional<std::uint16_t> tcp_view::mss() const noexcept {
    bytes_view v = find_option(options(), tcp_option::mss, 2);
    if (v.empty()) return std::nullopt;
    return load_be16(v.data());
}

std::optional<std::uint8_t> tcp_view::window_scale() const noexcept {
    bytes_view v = find_option(options(), tcp_option::window_scale, 1);
    if (v.empty()) return std::nullopt;
    return v[0];
}

bool tcp_view::sack_permitted() const noexcept {
    option_cursor cur(options());
    option_entry e;
    while (cur.next(e)) {
        if (e.kind == 0) break;
        if (e.kind == tcp_option::sack_permitted) return e.value.empty();
    }
    return false;
}

std::optional<tcp_view::timestamps_value> tcp_view::timestamps() const noexcept {
    bytes_view v = find_option(options(), tcp_option::timestamps, 8);
    if (v.empty()) return std::nullopt;
    return timestamps_value{load_be32(v.data()), load_be32(v.data() + 4)};
}

bytes_view tcp_view::sack_blocks() const noexcept {
    option_cursor cur(options());
    option_entry e;
    while (cur.next(e)) {
        if (e.kind == 0) break;
        if (e.kind == tcp_option::sack) return e.value.size() % 8 == 0 ? e.value : bytes_view{};
    }
    return {};
}

bool tcp_view::checksum_ok_v4(std::span<const std::uint8_t, 4> src,
                              std::span<const std::uint8_t, 4> dst) const noexcept {
    return internet_checksum::verifies_v4(src, dst, ip_proto::tcp, data_);
}

bool tcp_view::checksum_ok_v6(std::span<const std::uint8_t, 16> src,
                              std::span<const std::uint8_t, 16> dst) const noexcept {
    return internet_checksum::verifies_v6(src, dst, ip_proto::tcp, data_);
}

}  // namespace sockit::wire
