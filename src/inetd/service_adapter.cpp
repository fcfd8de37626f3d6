// SPDX-License-Identifier: MIT
// service_adapter: services::stream_session under serve::stream_handler, services::service under
// serve::datagram_handler.
#include "sockit/inetd/service_adapter.hpp"

#include <algorithm>
#include <cstring>

namespace sockit::inetd {
namespace {

/// Runs a services::stream_session under the engine: its output goes through a per-connection scratch
/// vector (reused, so steady traffic allocates nothing) into the connection's buffer.
class session_handler final : public serve::stream_handler {
public:
    explicit session_handler(std::unique_ptr<services::stream_session> s) noexcept : session_(std::move(s)) {}

    void on_connect(serve::stream_context& ctx) override {
        const auto act = session_->on_connect(out_);
        emit(ctx);
        if (session_->is_generator()) ctx.want_writable(true);
        if (act == services::stream_action::close) ctx.close();
    }
    void on_data(serve::stream_context& ctx, bytes_view data) override {
        const auto act = session_->on_data(data, out_);
        emit(ctx);
        if (act == services::stream_action::close) ctx.close();
    }
    void on_writable(serve::stream_context& ctx) override {
        const std::size_t budget = ctx.room();
        if (budget == 0) return;
        // Generate straight into the connection's buffer would need the session to know it; one copy of
        // at most max_output bytes per socket-writable event is cheap.
        session_->generate(out_, budget);
        emit(ctx);
    }
    void on_close(serve::stream_context& ctx) override {
        const auto act = session_->on_eof(out_);
        emit(ctx);
        if (act == services::stream_action::close || !session_->is_generator()) ctx.close();
    }

private:
    void emit(serve::stream_context& ctx) {
        if (out_.empty()) return;
        ctx.write(out_);
        out_.clear();
        if (out_.capacity() > 16 * 1024) byte_buffer().swap(out_);  // do not pin a burst's memory
    }

    std::unique_ptr<services::stream_session> session_;
    byte_buffer out_;
};

/// A service's datagram side under the engine; the reply is cut to the policy's bound.
class datagram_adapter final : public serve::datagram_handler {
public:
    explicit datagram_adapter(std::shared_ptr<const services::service> s) noexcept : svc_(std::move(s)) {}
    std::size_t on_datagram(bytes_view request, const endpoint& from,
                            std::span<std::uint8_t> reply) override {
        (void)from;
        scratch_.clear();
        if (!svc_->on_datagram(request, scratch_)) return 0;
        const std::size_t n = std::min(scratch_.size(), reply.size());
        if (n != 0) std::memcpy(reply.data(), scratch_.data(), n);
        return n;
    }

private:
    std::shared_ptr<const services::service> svc_;
    byte_buffer scratch_;
};

}  // namespace

serve::stream_factory stream_factory_for(std::shared_ptr<const services::service> svc) {
    return [svc]() -> std::unique_ptr<serve::stream_handler> {
        return std::make_unique<session_handler>(svc->open_stream());
    };
}

serve::datagram_factory datagram_factory_for(std::shared_ptr<const services::service> svc) {
    return [svc]() -> std::unique_ptr<serve::datagram_handler> {
        return std::make_unique<datagram_adapter>(svc);
    };
}

}  // namespace sockit::inetd
