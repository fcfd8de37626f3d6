// SPDX-License-Identifier: MIT
// stream_relay: nc's byte relay between stdin/stdout and a connected stream socket (splice(2) when it can).
#pragma once

#include "sockit/relay/relay_settings.hpp"

namespace sockit::relay {

/// Relays between settings.in_fd/out_fd and a connected stream socket until both directions are done:
/// stdin EOF → (queue drained) shutdown(SHUT_WR) → read until the peer's EOF. When stdin is a terminal the
/// peer's EOF alone ends the session. Buffers are bounded (one pipe or one 128 KiB buffer per direction);
/// net_fd is switched to non-blocking, stdin/stdout are left as they are. Blocks until done (one
/// sys::poll_until per round); returns a failure for I/O errors other than the peer going away after its
/// EOF, or a closed stdout. The caller ignores SIGPIPE (writes to a pipe whose reader left give EPIPE).
relay_result relay_stream(int net_fd, const relay_settings& settings, relay_state& state);

}  // namespace sockit::relay
