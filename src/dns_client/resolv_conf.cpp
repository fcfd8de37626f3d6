// SPDX-License-Identifier: MIT
// resolv_conf: glibc-compatible parsing of /etc/resolv.conf (resolv.conf(5), res_init.c's limits).
#include "sockit/dns_client/resolv_conf.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>

#include "sockit/core/split_words.hpp"

namespace sockit::dns_client {
namespace {

constexpr std::string_view blanks = " \t\r\f\v";

/// "name:N" → N, capped at `cap`; false when the value is not a decimal number.
bool option_value(std::string_view word, std::string_view name, unsigned cap, unsigned& out) noexcept {
    if (word.size() <= name.size() || word.substr(0, name.size()) != name) return false;
    std::string_view digits = word.substr(name.size());
    unsigned long v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc::result_out_of_range)
        v = cap;  // glibc's atoi-then-cap gives the cap for big numbers
    else if (ec != std::errc{} || end != digits.data() + digits.size())
        return false;
    out = static_cast<unsigned>(std::min<unsigned long>(v, cap));
    return true;
}

}  // namespace

resolv_conf parse_resolv_conf(std::string_view text) {
    resolv_conf conf;
    while (!text.empty()) {
        std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (std::size_t c = line.find_first_of("#;"); c != std::string_view::npos) line = line.substr(0, c);
        auto w = split_words(line, blanks);
        if (w.empty()) continue;
        const std::string_view key = w[0];
        if (key == "nameserver") {
            if (w.size() < 2 || conf.nameservers.size() >= resolv_conf::max_nameservers) continue;
            auto a = ip_address::parse(w[1]);
            if (a) conf.nameservers.push_back(*a);
        } else if (key == "search" || key == "domain") {
            conf.search.clear();
            for (std::size_t i = 1; i < w.size(); ++i) conf.search.emplace_back(w[i]);
            if (key == "domain" && conf.search.size() > 1) conf.search.resize(1);
        } else if (key == "options") {
            for (std::size_t i = 1; i < w.size(); ++i) {
                unsigned v = 0;
                if (option_value(w[i], "timeout:", 30, v)) {
                    conf.timeout = std::chrono::seconds(std::max(v, 1U));
                } else if (option_value(w[i], "attempts:", 5, v)) {
                    conf.attempts = std::max(v, 1U);
                } else if (option_value(w[i], "ndots:", 15, v)) {
                    conf.ndots = v;
                } else if (w[i] == "rotate") {
                    conf.rotate = true;
                } else if (w[i] == "use-vc") {
                    conf.use_vc = true;
                } else if (w[i] == "edns0") {
                    conf.edns0 = true;
                }
            }
        }
    }
    return conf;
}

result<resolv_conf> load_resolv_conf(const std::string& path) {
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(std::error_code(errno != 0 ? errno : ENOENT, std::generic_category()));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return fail(std::error_code(EIO, std::generic_category()));
    return parse_resolv_conf(text.str());
}

}  // namespace sockit::dns_client
