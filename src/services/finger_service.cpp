// SPDX-License-Identifier: MIT
// finger_service (RFC 1288): query framing and refusals, the answer from a plan_source, listing, output
// filtering.
#include "sockit/services/finger_service.hpp"

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace sockit::services {
namespace {

constexpr std::size_t max_listed_users = 1000;

std::string refusal(std::string_view why) { return fmt::format("finger: query refused: {}\r\n", why); }

// Plan text for the wire: printable ASCII and tab kept, other bytes '?', line ends CRLF.
void append_filtered(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            out += "\r\n";
        } else if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF: the LF writes it
            out += "\r\n";                                             // lone CR: a line end too
        } else if (c == '\t' || (c >= 0x20 && c <= 0x7e)) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('?');
        }
    }
    if (!out.empty() && (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0)) out += "\r\n";
}

std::string utc_stamp(std::chrono::system_clock::time_point when) {
    const time_t t = std::chrono::system_clock::to_time_t(when);
    tm parts{};
    if (::gmtime_r(&t, &parts) == nullptr) return "unknown";
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} UTC", 1900L + parts.tm_year, parts.tm_mon + 1,
                       parts.tm_mday, parts.tm_hour, parts.tm_min);
}

class finger_session final : public stream_session {
public:
    explicit finger_session(const finger_service& svc) : svc_(svc) {}

    stream_action on_connect(byte_buffer&) override { return stream_action::keep_open; }

    stream_action on_data(bytes_view in, byte_buffer& out) override {
        if (done_) return stream_action::close;
        const std::size_t limit = svc_.config().max_query_bytes;
        for (std::size_t i = 0; i < in.size(); ++i, ++offset_) {
            const std::uint8_t c = in[i];
            if (c == '\n') {
                if (line_.empty() || line_.back() != '\r')
                    return finish(out,
                                  refusal("the query line must end with CRLF, not a bare LF (RFC 1288)"));
                line_.pop_back();
                return finish(out, svc_.answer(line_));
            }
            if (!line_.empty() && line_.back() == '\r')
                return finish(out, refusal(fmt::format("CR not followed by LF at byte {}", offset_ - 1)));
            if (c != '\r' && (c < 0x20 || c > 0x7e))
                return finish(out, refusal(fmt::format("byte 0x{:02x} at offset {} is not printable ASCII", c,
                                                       offset_)));
            if (line_.size() >= limit + 1)  // room for the CR of a line exactly `limit` long
                return finish(out, refusal(fmt::format("query line longer than {} bytes", limit)));
            line_.push_back(static_cast<char>(c));
        }
        return stream_action::keep_open;
    }

    stream_action on_eof(byte_buffer& out) override {
        if (done_) return stream_action::close;
        return finish(out, refusal("connection closed before the CRLF that ends a query"));
    }

private:
    stream_action finish(byte_buffer& out, const std::string& text) {
        done_ = true;
        out.insert(out.end(), text.begin(), text.end());
        return stream_action::close;
    }

    const finger_service& svc_;
    std::string line_;
    std::size_t offset_ = 0;
    bool done_ = false;
};

}  // namespace

std::unique_ptr<stream_session> finger_service::open_stream() const {
    return std::make_unique<finger_session>(*this);
}

bool finger_service::on_datagram(bytes_view, byte_buffer&) const { return false; }

std::string finger_service::answer(std::string_view query_line) const {
    auto q = finger_query::parse(query_line);
    if (!q) {
        return refusal(
            "not a finger query (expected [/W] [user][@host]; user names: letters, digits, '.', '_', '-', "
            "at most 32)");
    }
    if (!q->hosts.empty()) {
        return "finger: forwarding refused: this server does not pass queries on to other hosts "
               "(RFC 1288 security considerations)\r\n";
    }
    if (q->user.empty()) {
        if (!opts_.allow_listing) return "finger: listing of users refused\r\n";
        return list_users();
    }
    return answer_user(*q);
}

std::string finger_service::list_users() const {
    std::vector<std::string> users;
    if (opts_.plans) users = opts_.plans->users(max_listed_users);
    std::erase_if(users, [](const std::string& u) { return !finger_query::is_valid_user(u); });
    if (users.empty()) return "No one has a plan here.\r\n";
    std::sort(users.begin(), users.end());
    std::string out = "Login\r\n";
    for (const auto& u : users) out += u + "\r\n";
    return out;
}

std::string finger_service::answer_user(const finger_query& q) const {
    std::optional<finger_user> found;
    if (opts_.plans) found = opts_.plans->find(q.user, opts_.max_plan_bytes);
    if (!found) return fmt::format("finger: {}: no such user\r\n", q.user);
    std::string out = fmt::format("Login: {}\r\n", q.user);
    if (!found->full_name.empty()) {
        out += "Name: ";
        append_filtered(out, found->full_name);
    }
    const auto& plan = found->plan;
    if (!plan) {
        out += "No Plan.\r\n";
        return out;
    }
    if (q.verbose)
        out += fmt::format("Plan: {} bytes, modified {}\r\n", plan->size, utc_stamp(plan->modified));
    out += "Plan:\r\n";
    append_filtered(out, plan->text);
    if (plan->truncated) out += fmt::format("[plan cut at {} bytes]\r\n", opts_.max_plan_bytes);
    return out;
}

}  // namespace sockit::services
