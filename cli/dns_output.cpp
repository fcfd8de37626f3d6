// SPDX-License-Identifier: MIT
// `sockit dns` output: dig 9.18's text layout around the codec's presentation, JSON, statuses.
#include "dns_output.hpp"

#include <fmt/format.h>

#include <ctime>

#include "exit_code.hpp"
#include "sockit/dns/presentation.hpp"
#include "sockit/dns/rcode.hpp"
#include "sockit/dns_client/client_errc.hpp"

namespace sockit::cli {
namespace {

bool is_local_failure(const std::error_code& ec) noexcept {
    return ec == std::errc::too_many_files_open || ec == std::errc::too_many_files_open_in_system ||
           ec == std::errc::not_enough_memory || ec == std::errc::no_buffer_space;
}

std::string time_text(const char* format, bool utc) {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    if (utc) {
        gmtime_r(&now, &tm);
    } else {
        localtime_r(&now, &tm);
    }
    char buf[64];
    std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
    return std::string(buf, n);
}

}  // namespace

std::string dns_server_text(const endpoint& server) {
    return fmt::format("{}#{}", server.address().to_string(), server.port());
}

std::string dns_status(const result<dns_client::exchange_result>& outcome) {
    if (outcome) return dns::to_string(outcome->response.full_rcode());
    const auto& ec = outcome.error();
    if (ec == dns_client::client_errc::timed_out) return "TIMEOUT";
    if (ec == dns_client::client_errc::malformed_response) return "MALFORMED";
    if (is_local_failure(ec)) return "ERROR";
    return "UNREACHABLE";
}

int dns_exit_code(const result<dns_client::exchange_result>& outcome) {
    if (outcome) return exit_code::ok;
    const auto& ec = outcome.error();
    if (ec == dns_client::client_errc::malformed_response) return exit_code::data_error;
    if (is_local_failure(ec)) return exit_code::os_error;
    return exit_code::unavailable;
}

std::string dns_failure_text(const std::error_code& ec, const dns_client::exchange_options& options,
                             std::size_t servers) {
    const std::string each = servers > 1 ? fmt::format(" to each of {} servers", servers) : "";
    if (ec == dns_client::client_errc::timed_out || ec == dns_client::client_errc::malformed_response)
        return fmt::format("no {}answer after {} {} of {} ms{}: {}",
                           ec == dns_client::client_errc::malformed_response ? "well-formed " : "",
                           options.tries, options.tries == 1 ? "try" : "tries", options.timeout.count(), each,
                           ec.message());
    return servers > 1 ? fmt::format("no answer from any of {} servers, the last: {}", servers, ec.message())
                       : ec.message();
}

nlohmann::ordered_json dns_record_json(const dns::resource_record& rr) {
    return {{"name", rr.name.to_string()},
            {"type", dns::to_string(rr.type)},
            {"class", dns::to_string(rr.klass)},
            {"ttl", rr.ttl},
            {"data", dns::rdata_to_string(rr.data)}};
}

nlohmann::ordered_json dns_section_json(const std::vector<dns::resource_record>& records) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& rr : records) out.push_back(dns_record_json(rr));
    return out;
}

double dns_millis(std::chrono::microseconds us) { return static_cast<double>(us.count()) / 1000.0; }

nlohmann::ordered_json dns_exchange_json(const dns::question& q, const endpoint& server,
                                         const result<dns_client::exchange_result>& outcome,
                                         const dns_client::exchange_options& options, std::size_t servers) {
    // The same keys in the same order whatever happened: null (or empty) where there was no response.
    nlohmann::ordered_json doc;
    doc["name"] = q.name.to_string();
    doc["type"] = dns::to_string(q.type);
    doc["class"] = dns::to_string(q.klass);
    doc["server"] = server.to_string();
    doc["status"] = dns_status(outcome);
    doc["error"] = outcome ? nlohmann::ordered_json(nullptr)
                           : nlohmann::ordered_json(dns_failure_text(outcome.error(), options, servers));
    const dns_client::exchange_result* r = outcome ? &*outcome : nullptr;
    doc["transport"] =
        r ? nlohmann::ordered_json(r->over_tcp ? "tcp" : "udp") : nlohmann::ordered_json(nullptr);
    doc["truncated_retry"] = r ? nlohmann::ordered_json(r->truncated_retry) : nlohmann::ordered_json(nullptr);
    doc["id"] = r ? nlohmann::ordered_json(r->response.header.id) : nlohmann::ordered_json(nullptr);
    auto flags = nlohmann::ordered_json::array();
    if (r) {
        for (std::string_view name : r->response.header.flag_names()) flags.push_back(name);
    }
    doc["flags"] = flags;
    static const std::vector<dns::resource_record> none;
    doc["answer"] = dns_section_json(r ? r->response.answers : none);
    doc["authority"] = dns_section_json(r ? r->response.authority : none);
    doc["additional"] = dns_section_json(r ? r->response.additional : none);
    if (r && r->response.opt) {
        doc["edns"] = {{"version", r->response.opt->version},
                       {"udp_payload", r->response.opt->udp_payload},
                       {"do", r->response.opt->dnssec_ok}};
    } else {
        doc["edns"] = nullptr;
    }
    doc["time_ms"] = r ? nlohmann::ordered_json(dns_millis(r->elapsed)) : nlohmann::ordered_json(nullptr);
    doc["msg_size"] = r ? nlohmann::ordered_json(r->wire.size()) : nlohmann::ordered_json(nullptr);
    doc["when"] = time_text("%Y-%m-%dT%H:%M:%SZ", true);
    doc["tries"] = r ? nlohmann::ordered_json(r->tries) : nlohmann::ordered_json(nullptr);
    // no answer after every try (the error line says "after N tries"): N, per server
    if (!r && (outcome.error() == dns_client::client_errc::timed_out ||
               outcome.error() == dns_client::client_errc::malformed_response))
        doc["tries"] = options.tries;
    doc["ignored"] = r ? nlohmann::ordered_json(r->ignored) : nlohmann::ordered_json(nullptr);
    doc["malformed"] = r ? nlohmann::ordered_json(r->malformed) : nlohmann::ordered_json(nullptr);
    return doc;
}

std::string dns_dig_text(std::string_view banner, const dns_client::exchange_result& r) {
    std::string out = fmt::format("\n; <<>> sockit dns <<>> {}\n", banner);
    if (r.truncated_retry) out += ";; Truncated, retrying in TCP mode.\n";
    if (r.ignored > 0)
        out += fmt::format(
            ";; Warning: ignored {} response{} that did not match the query (source, ID or question)\n",
            r.ignored, r.ignored == 1 ? "" : "s");
    if (r.malformed > 0)
        out += fmt::format(";; Warning: dropped {} malformed response{}\n", r.malformed,
                           r.malformed == 1 ? "" : "s");
    out += ";; Got answer:\n";
    out += dns::to_string(r.response);
    out += fmt::format(";; Query time: {} msec\n", r.elapsed.count() / 1000);
    const std::string addr = r.server.address().to_string();
    out +=
        fmt::format(";; SERVER: {}#{}({}) ({})\n", addr, r.server.port(), addr, r.over_tcp ? "TCP" : "UDP");
    out += fmt::format(";; WHEN: {}\n", time_text("%a %b %d %H:%M:%S %Z %Y", false));
    out += fmt::format(";; MSG SIZE  rcvd: {}\n\n", r.wire.size());
    return out;
}

std::string dns_short_text(const dns_client::exchange_result& r) {
    std::string out;
    for (const auto& rr : r.response.answers) {
        out += dns::rdata_to_string(rr.data);
        out += '\n';
    }
    return out;
}

}  // namespace sockit::cli
