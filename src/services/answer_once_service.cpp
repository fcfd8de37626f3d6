// SPDX-License-Identifier: MIT
// answer_once_service: the TCP session that answers on connect and closes, and the datagram side.
#include "sockit/services/answer_once_service.hpp"

namespace sockit::services {
namespace {

class answer_once_session final : public stream_session {
public:
    explicit answer_once_session(const answer_once_service& svc) : svc_(svc) {}
    stream_action on_connect(byte_buffer& out) override {
        svc_.append_answer(out);
        return stream_action::close;
    }
    stream_action on_data(bytes_view, byte_buffer&) override { return stream_action::close; }

private:
    const answer_once_service& svc_;
};

}  // namespace

std::unique_ptr<stream_session> answer_once_service::open_stream() const {
    return std::make_unique<answer_once_session>(*this);
}

bool answer_once_service::on_datagram(bytes_view, byte_buffer& reply) const {
    append_answer(reply);
    return true;
}

}  // namespace sockit::services
