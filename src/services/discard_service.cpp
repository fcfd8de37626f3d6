// SPDX-License-Identifier: MIT
// discard_service (RFC 863): the session drops input; datagrams get no reply.
#include "sockit/services/discard_service.hpp"

namespace sockit::services {
namespace {

class discard_session final : public stream_session {
public:
    stream_action on_connect(byte_buffer&) override { return stream_action::keep_open; }
    stream_action on_data(bytes_view, byte_buffer&) override { return stream_action::keep_open; }
};

}  // namespace

std::unique_ptr<stream_session> discard_service::open_stream() const {
    return std::make_unique<discard_session>();
}

bool discard_service::on_datagram(bytes_view, byte_buffer&) const { return false; }

}  // namespace sockit::services
