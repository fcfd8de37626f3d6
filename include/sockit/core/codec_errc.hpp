// SPDX-License-Identifier: MIT
// codec_errc: the error vocabulary of every decoder and encoder of untrusted bytes.
#pragma once

#include <system_error>

namespace sockit {

/// Why a decoder stopped. need_more is not malformation: a stream decoder asks for more bytes.
enum class codec_errc {
    need_more = 1,  ///< the input ends before the message does; feed more bytes
    truncated,      ///< the input ends before a field that must be there (datagram or file)
    bad_length,     ///< a length field disagrees with the bytes present or with the protocol
    bad_checksum,   ///< a checksum does not verify
    bad_version,    ///< a version field holds a value this decoder does not speak
    bad_value,      ///< a field holds a value the protocol forbids
    too_large,      ///< a configured or protocol limit is exceeded
    loop,           ///< a pointer (e.g. DNS compression) would revisit earlier bytes forever
    no_space,       ///< an encoder's output buffer is too small
};

/// The category of codec_errc; name() is "sockit.codec".
const std::error_category& codec_category() noexcept;

inline std::error_code make_error_code(codec_errc e) noexcept {
    return {static_cast<int>(e), codec_category()};
}

}  // namespace sockit

template <>
struct std::is_error_code_enum<sockit::codec_errc> : std::true_type {};
