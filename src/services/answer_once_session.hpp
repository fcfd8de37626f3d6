// SPDX-License-Identifier: MIT
// answer_once_session: the TCP side of the services that answer once and close: qotd (RFC 865),
// daytime (RFC 867), time (RFC 868).
#pragma once

#include "sockit/services/stream_session.hpp"

namespace sockit::services {

/// Writes (svc.*Answer)(out) on connection and closes; whatever the client sends is ignored (each RFC
/// says the server answers without reading a request). svc must outlive the session.
template <class Service, void (Service::*Answer)(byte_buffer&) const>
class answer_once_session final : public stream_session {
public:
    explicit answer_once_session(const Service& svc) : svc_(svc) {}
    stream_action on_connect(byte_buffer& out) override {
        (svc_.*Answer)(out);
        return stream_action::close;
    }
    stream_action on_data(bytes_view, byte_buffer&) override { return stream_action::close; }

private:
    const Service& svc_;
};

}  // namespace sockit::services
