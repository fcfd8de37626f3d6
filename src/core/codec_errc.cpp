// SPDX-License-Identifier: MIT
// The codec_errc error category: messages for decoder and encoder failures.
#include "sockit/core/codec_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit {
namespace {

// One message per codec_errc value, in declaration order (the first is 1).
constexpr const char* messages[] = {
    "need more input",          // need_more
    "truncated",                // truncated
    "bad length",               // bad_length
    "bad checksum",             // bad_checksum
    "unsupported version",      // bad_version
    "invalid field value",      // bad_value
    "too large",                // too_large
    "pointer loop",             // loop
    "output buffer too small",  // no_space
};

}  // namespace

const std::error_category& codec_category() noexcept {
    return enum_category_of<codec_errc::no_space>("sockit.codec", messages, "unknown codec error");
}

}  // namespace sockit
