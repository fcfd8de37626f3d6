// SPDX-License-Identifier: MIT
// service_table: the services of `sockit serve` by name, their settings and UDP policies.
#include "sockit/inetd/service_table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sockit/inetd/plan_files.hpp"
#include "sockit/inetd/quotes_file.hpp"
#include "sockit/services/chargen_service.hpp"
#include "sockit/services/daytime_service.hpp"
#include "sockit/services/discard_service.hpp"
#include "sockit/services/echo_service.hpp"
#include "sockit/services/finger_service.hpp"
#include "sockit/services/qotd_service.hpp"
#include "sockit/services/time_service.hpp"

namespace sockit::inetd {

const std::vector<std::string_view>& service_names() {
    static const std::vector<std::string_view> names = {"echo",    "discard", "chargen", "qotd",
                                                        "daytime", "time",    "finger"};
    return names;
}

serve::datagram_policy datagram_policy_for(std::string_view name, const service_settings& settings) {
    serve::datagram_policy policy;
    policy.rate_per_source = settings.udp_rate;
    policy.burst_per_source = std::max(1.0, 2 * settings.udp_rate);
    // RFC 862-868 answer any source; refusing ports below 1024 breaks reflection loops between two such
    // services (echo <-> chargen) and costs real clients nothing (they use ephemeral ports).
    policy.refuse_privileged_ports = name != "discard";  // discard never replies anyway
    // Echo's reply is the request: never larger than what the source sent.
    policy.max_reply = name == "echo" ? 65507 : services::max_datagram_reply;
    return policy;
}

namespace {

result<std::shared_ptr<const services::service>, std::string> make_qotd(const service_settings& settings) {
    if (!settings.qotd_file) return std::make_shared<services::qotd_service>();
    auto q = load_quotes(*settings.qotd_file);
    if (!q) {
        const auto& err = q.error();
        return fail(err.line != 0
                        ? fmt::format("{}:{}: {}", settings.qotd_file->string(), err.line, err.detail)
                        : fmt::format("{}: {}", settings.qotd_file->string(), err.detail));
    }
    return std::make_shared<services::qotd_service>(std::move(*q));
}

std::shared_ptr<const services::service> make_finger(const service_settings& settings) {
    plan_files::options files;
    if (settings.finger_dir) files.plan_dir = *settings.finger_dir;
    files.system_users = settings.finger_system_users;
    services::finger_service::options o;
    o.plans = std::make_shared<plan_files>(std::move(files));
    return std::make_shared<services::finger_service>(std::move(o));
}

}  // namespace

result<service_entry, std::string> make_service(std::string_view name, const service_settings& settings) {
    service_entry e;
    e.policy = datagram_policy_for(name, settings);
    if (name == "echo") {
        e.svc = std::make_shared<services::echo_service>();
    } else if (name == "discard") {
        e.svc = std::make_shared<services::discard_service>();
    } else if (name == "chargen") {
        e.svc = std::make_shared<services::chargen_service>();
    } else if (name == "qotd") {
        auto q = make_qotd(settings);
        if (!q) return fail(std::move(q).error());
        e.svc = std::move(*q);
    } else if (name == "daytime") {
        e.svc = std::make_shared<services::daytime_service>();
    } else if (name == "time") {
        e.svc = std::make_shared<services::time_service>();
    } else if (name == "finger") {
        e.svc = make_finger(settings);
    } else {
        return fail(fmt::format("unknown service '{}' (known: {})", name, fmt::join(service_names(), ", ")));
    }
    return e;
}

}  // namespace sockit::inetd
