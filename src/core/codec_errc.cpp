// SPDX-License-Identifier: MIT
// The codec_errc error category: messages for decoder and encoder failures.
#include "sockit/core/codec_errc.hpp"

#include <string>

namespace sockit {
namespace {

class codec_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "sockit.codec"; }
    std::string message(int value) const override {
        switch (static_cast<codec_errc>(value)) {
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
};

}  // namespace

const std::error_category& codec_category() noexcept {
    static const codec_category_impl instance;
    return instance;
}

}  // namespace sockit
