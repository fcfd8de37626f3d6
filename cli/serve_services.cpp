// SPDX-License-Identifier: MIT
// The services of `sockit serve` and the adapter from services::stream_session to serve::stream_handler.
#include "serve_services.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "sockit/services/chargen_service.hpp"
#include "sockit/services/daytime_service.hpp"
#include "sockit/services/discard_service.hpp"
#include "sockit/services/echo_service.hpp"
#include "sockit/services/finger_service.hpp"
#include "sockit/services/qotd_service.hpp"
#include "sockit/services/time_service.hpp"

namespace sockit::cli {
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
    std::size_t on_datagram(bytes_view request, const endpoint& from, std::span<std::uint8_t> reply) override {
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

const std::vector<std::string_view>& service_names() {
    static const std::vector<std::string_view> names = {"echo",    "discard", "chargen", "qotd",
                                                        "daytime", "time",    "finger"};
    return names;
}

result<service_entry, std::string> make_service(std::string_view name, const service_settings& settings) {
    service_entry e;
    e.policy.rate_per_source = settings.udp_rate;
    e.policy.burst_per_source = std::max(1.0, 2 * settings.udp_rate);
    // RFC 862-868 answer any source; refusing ports below 1024 breaks reflection loops between two such
    // services (echo <-> chargen) and costs real clients nothing (they use ephemeral ports).
    e.policy.refuse_privileged_ports = true;
    e.policy.max_reply = services::max_datagram_reply;
    if (name == "echo") {
        e.svc = std::make_shared<services::echo_service>();
        e.policy.max_reply = 65507;  // the reply is the request: never larger than what the source sent
    } else if (name == "discard") {
        e.svc = std::make_shared<services::discard_service>();
        e.policy.refuse_privileged_ports = false;  // never replies anyway
    } else if (name == "chargen") {
        e.svc = std::make_shared<services::chargen_service>();
    } else if (name == "qotd") {
        if (settings.qotd_file) {
            auto q = services::load_quotes(*settings.qotd_file);
            if (!q) {
                const auto& err = q.error();
                return fail(err.line != 0 ? fmt::format("{}:{}: {}", settings.qotd_file->string(), err.line, err.detail)
                                          : fmt::format("{}: {}", settings.qotd_file->string(), err.detail));
            }
            e.svc = std::make_shared<services::qotd_service>(std::move(*q));
        } else {
            e.svc = std::make_shared<services::qotd_service>();
        }
    } else if (name == "daytime") {
        e.svc = std::make_shared<services::daytime_service>();
    } else if (name == "time") {
        e.svc = std::make_shared<services::time_service>();
    } else if (name == "finger") {
        services::finger_service::options o;
        if (settings.finger_dir) o.plan_dir = *settings.finger_dir;
        o.system_users = settings.finger_system_users;
        e.svc = std::make_shared<services::finger_service>(std::move(o));
    } else {
        return fail(fmt::format("unknown service '{}' (known: {})", name, fmt::join(service_names(), ", ")));
    }
    return e;
}

serve::stream_factory stream_factory_for(std::shared_ptr<const services::service> svc) {
    return [svc]() -> std::unique_ptr<serve::stream_handler> {
        return std::make_unique<session_handler>(svc->open_stream());
    };
}

serve::datagram_factory datagram_factory_for(std::shared_ptr<const services::service> svc) {
    return [svc]() -> std::unique_ptr<serve::datagram_handler> { return std::make_unique<datagram_adapter>(svc); };
}

}  // namespace sockit::cli
