// SPDX-License-Identifier: MIT
// issue_name: the names the printers give a decoding problem ("truncated", "bad_checksum", ...).
#pragma once

#include <string_view>

#include "sockit/core/codec_errc.hpp"

namespace sockit::dissect {

/// The snake_case name of e, as the line ("[|truncated]"), the tree, JSON and --stats show it.
constexpr std::string_view issue_name(codec_errc e) noexcept {
    switch (e) {
        case codec_errc::need_more: return "need_more";
        case codec_errc::truncated: return "truncated";
        case codec_errc::bad_length: return "bad_length";
        case codec_errc::bad_checksum: return "bad_checksum";
        case codec_errc::bad_version: return "bad_version";
        case codec_errc::bad_value: return "bad_value";
        case codec_errc::too_large: return "too_large";
        case codec_errc::loop: return "loop";
        case codec_errc::no_space: return "no_space";
    }
    return "none";
}

}  // namespace sockit::dissect
