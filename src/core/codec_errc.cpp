// SPDX-License-Identifier: MIT
// The codec_errc error category: messages for decoder and encoder failures.
#include "sockit/core/codec_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit {
namespace {

const char* describe(codec_errc e) noexcept {
    switch (e) {
        case codec_errc::need_more: return "need more input";
        case codec_errc::truncated: return "truncated";
        case codec_errc::bad_length: return "bad length";
        case codec_errc::bad_checksum: return "bad checksum";
        case codec_errc::bad_version: return "unsupported version";
        case codec_errc::bad_value: return "invalid field value";
        case codec_errc::too_large: return "too large";
        case codec_errc::loop: return "pointer loop";
        case codec_errc::no_space: return "output buffer too small";
    }
    return "unknown codec error";
}

}  // namespace

const std::error_category& codec_category() noexcept {
    static const enum_category<codec_errc> instance("sockit.codec", describe);
    return instance;
}

}  // namespace sockit
