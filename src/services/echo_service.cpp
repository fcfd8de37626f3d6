// SPDX-License-Identifier: MIT
// echo_service (RFC 862): the session copies input to output; datagrams come back unchanged.
#include "sockit/services/echo_service.hpp"

namespace sockit::services {
namespace {

class echo_session final : public stream_session {
public:
    stream_action on_connect(byte_buffer&) override { return stream_action::keep_open; }
    stream_action on_data(bytes_view in, byte_buffer& out) override {
        out.insert(out.end(), in.begin(), in.end());
        return stream_action::keep_open;
    }
    // EOF: what was echoed is still sent; then the connection closes (the default).
};

}  // namespace

std::unique_ptr<stream_session> echo_service::open_stream() const { return std::make_unique<echo_session>(); }

bool echo_service::on_datagram(bytes_view request, byte_buffer& reply) const {
    reply.insert(reply.end(), request.begin(), request.end());
    return true;
}

}  // namespace sockit::services
