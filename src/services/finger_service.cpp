// SPDX-License-Identifier: MIT
// finger_service (RFC 1288): query framing and refusals, plan lookup, listing, output filtering.
#include "sockit/services/finger_service.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <pwd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "sockit/sys/unique_fd.hpp"

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
            out += "\r\n";                                           // lone CR: a line end too
        } else if (c == '\t' || (c >= 0x20 && c <= 0x7e)) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('?');
        }
    }
    if (!out.empty() && (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0)) out += "\r\n";
}

struct plan_file {
    std::string text;
    bool truncated = false;
    off_t size = 0;
    time_t modified = 0;
};

// Opens without following the last symlink when asked, without blocking on a FIFO, and reads at most
// `limit` bytes of a regular file (owned by `owner` when given). nullopt when there is no such file.
std::optional<plan_file> read_plan(const std::string& path, std::size_t limit, bool no_follow,
                                   std::optional<uid_t> owner) {
    int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
    if (no_follow) flags |= O_NOFOLLOW;
    unique_fd fd(::open(path.c_str(), flags));
    if (!fd) return std::nullopt;
    struct stat st{};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    if (owner && st.st_uid != *owner) return std::nullopt;
    plan_file plan;
    plan.size = st.st_size;
    plan.modified = st.st_mtime;
    plan.text.resize(limit + 1);
    std::size_t got = 0;
    while (got < plan.text.size()) {
        ssize_t n = ::read(fd.get(), plan.text.data() + got, plan.text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    plan.truncated = got > limit;
    plan.text.resize(std::min(got, limit));
    return plan;
}

std::string utc_stamp(time_t t) {
    tm parts{};
    if (::gmtime_r(&t, &parts) == nullptr) return "unknown";
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} UTC", 1900L + parts.tm_year, parts.tm_mon + 1, parts.tm_mday,
                       parts.tm_hour, parts.tm_min);
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
                    return finish(out, refusal("the query line must end with CRLF, not a bare LF (RFC 1288)"));
                line_.pop_back();
                return finish(out, svc_.answer(line_));
            }
            if (!line_.empty() && line_.back() == '\r')
                return finish(out, refusal(fmt::format("CR not followed by LF at byte {}", offset_ - 1)));
            if (c != '\r' && (c < 0x20 || c > 0x7e))
                return finish(out, refusal(fmt::format("byte 0x{:02x} at offset {} is not printable ASCII", c, offset_)));
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

std::unique_ptr<stream_session> finger_service::open_stream() const { return std::make_unique<finger_session>(*this); }

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
    std::error_code ec;
    if (!opts_.plan_dir.empty()) {
        for (auto it = std::filesystem::directory_iterator(opts_.plan_dir, ec);
             !ec && it != std::filesystem::directory_iterator() && users.size() < max_listed_users; it.increment(ec)) {
            const auto& p = it->path();
            if (p.extension() != ".plan") continue;
            std::string user = p.stem().string();
            if (finger_query::is_valid_user(user)) users.push_back(std::move(user));
        }
    }
    if (users.empty()) return "No one has a plan here.\r\n";
    std::sort(users.begin(), users.end());
    std::string out = "Login\r\n";
    for (const auto& u : users) out += u + "\r\n";
    return out;
}

std::string finger_service::answer_user(const finger_query& q) const {
    const std::string user(q.user);  // valid: letters, digits, '.', '_', '-' — a safe file name
    std::optional<plan_file> plan;
    std::string name_line;
    bool known = false;
    if (!opts_.plan_dir.empty()) {
        plan = read_plan((opts_.plan_dir / (user + ".plan")).string(), opts_.max_plan_bytes, false, std::nullopt);
        known = plan.has_value();
    }
    if (!known && opts_.system_users) {
        passwd pw{};
        passwd* found = nullptr;
        std::vector<char> buf(16384);
        if (::getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found) == 0 && found != nullptr) {
            known = true;
            std::string_view gecos = pw.pw_gecos != nullptr ? pw.pw_gecos : "";
            gecos = gecos.substr(0, gecos.find(','));
            if (!gecos.empty()) {
                name_line = "Name: ";
                append_filtered(name_line, gecos);
            }
            // ~/.plan must be the user's own regular file: no symlink to someone else's secrets, no FIFO.
            plan = read_plan(std::string(pw.pw_dir != nullptr ? pw.pw_dir : "/nonexistent") + "/.plan",
                             opts_.max_plan_bytes, true, pw.pw_uid);
        }
    }
    if (!known) return fmt::format("finger: {}: no such user\r\n", user);
    std::string out = fmt::format("Login: {}\r\n", user);
    out += name_line;
    if (!plan) {
        out += "No Plan.\r\n";
        return out;
    }
    if (q.verbose) out += fmt::format("Plan: {} bytes, modified {}\r\n", plan->size, utc_stamp(plan->modified));
    out += "Plan:\r\n";
    append_filtered(out, plan->text);
    if (plan->truncated) out += fmt::format("[plan cut at {} bytes]\r\n", opts_.max_plan_bytes);
    return out;
}

}  // namespace sockit::services
