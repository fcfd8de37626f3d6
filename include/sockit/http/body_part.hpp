// SPDX-License-Identifier: MIT
// body_part: one step of incremental body decoding (RFC 9112 §6, §7.1): a data span and the bytes consumed.
#pragma once

#include <cstddef>

#include "sockit/core/bytes.hpp"

namespace sockit::http {

/// What one call of a body decoder produced. `data` is a view into the caller's input (zero-copy; chunk
/// framing is never part of it); `consumed` counts every input byte used, framing included, and is
/// where the next call starts; `done` is true once the body (and any trailer section) has ended.
struct body_part {
    bytes_view data{};
    std::size_t consumed = 0;
    bool done = false;
};

}  // namespace sockit::http
