// SPDX-License-Identifier: MIT
// spec_error: where and why a `sockit build` layer spec is wrong.
#pragma once

#include <cstddef>
#include <string>

namespace sockit::packet_spec {

/// Where and why a spec is wrong: the offending token, its byte offset in the spec, and the reason.
struct spec_error {
    std::size_t offset = 0;
    std::string token;
    std::string why;
};

}  // namespace sockit::packet_spec
