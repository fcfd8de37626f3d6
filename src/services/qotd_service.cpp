// SPDX-License-Identifier: MIT
// qotd_service (RFC 865): the fortune-format parser, its checks, the built-in quotes and the rotation.
#include "sockit/services/qotd_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sockit/core/codec_errc.hpp"

namespace sockit::services {
namespace {

// Turns the lines of one quote into the wire form; lines[] are without their line ends.
result<std::string, quotes_error> finish_quote(const std::vector<std::string_view>& lines,
                                               std::size_t first_line) {
    std::size_t begin = 0, end = lines.size();
    auto blank = [](std::string_view l) { return l.find_first_not_of(" \t") == std::string_view::npos; };
    while (begin < end && blank(lines[begin])) ++begin;
    while (end > begin && blank(lines[end - 1])) --end;
    std::string quote;
    for (std::size_t i = begin; i < end; ++i) {
        std::string_view l = lines[i];
        std::size_t col = 0;
        for (std::size_t k = 0; k < l.size(); ++k) {
            const auto c = static_cast<unsigned char>(l[k]);
            if (c == '\t') {
                const std::size_t spaces = 8 - col % 8;
                quote.append(spaces, ' ');
                col += spaces;
            } else if (c >= 0x20 && c <= 0x7e) {
                quote.push_back(static_cast<char>(c));
                ++col;
            } else {
                return fail(
                    quotes_error{codec_errc::bad_value, first_line + i,
                                 fmt::format("byte 0x{:02x} in column {}: RFC 865 allows printing ASCII, "
                                             "space, CR and LF only",
                                             c, k + 1)});
            }
        }
        quote += "\r\n";
    }
    if (quote.size() > max_quote_bytes)
        return fail(quotes_error{codec_errc::too_large, first_line + begin,
                                 fmt::format("quote is {} bytes with CRLF line ends (at most {})",
                                             quote.size(), max_quote_bytes)});
    return quote;
}

}  // namespace

result<std::vector<std::string>, quotes_error> parse_quotes(std::string_view text) {
    std::vector<std::string> quotes;
    std::vector<std::string_view> lines;
    std::size_t line_no = 0;      // of the line just read
    std::size_t quote_start = 1;  // line number where the current quote's lines begin
    auto flush = [&]() -> result<void, quotes_error> {
        auto q = finish_quote(lines, quote_start);
        if (!q) return fail(std::move(q).error());
        if (!q->empty()) quotes.push_back(std::move(*q));
        lines.clear();
        return {};
    };
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line == "%") {
            if (auto r = flush(); !r) return fail(r.error());
            quote_start = line_no + 1;
            continue;
        }
        lines.push_back(line);
    }
    if (auto r = flush(); !r) return fail(r.error());
    if (quotes.empty()) return fail(quotes_error{codec_errc::truncated, 0, "no quote in the text"});
    return quotes;
}

const std::vector<std::string>& builtin_quotes() {
    // Short proverbs and widely quoted one-liners, each well under 512 bytes.
    static const std::vector<std::string> quotes = [] {
        const char* text =
            "Be conservative in what you do, be liberal in what you accept from others.\n"
            "  -- Jon Postel, RFC 793\n"
            "%\n"
            "We reject: kings, presidents and voting.\n"
            "We believe in: rough consensus and running code.\n"
            "  -- David D. Clark, IETF, 1992\n"
            "%\n"
            "A journey of a thousand miles begins with a single step.\n"
            "  -- Lao Tzu\n"
            "%\n"
            "Well begun is half done.\n"
            "  -- Aristotle\n"
            "%\n"
            "Measure twice, cut once.\n"
            "  -- Proverb\n"
            "%\n"
            "The best way to predict the future is to invent it.\n"
            "  -- Alan Kay\n"
            "%\n"
            "Simplicity is prerequisite for reliability.\n"
            "  -- Edsger W. Dijkstra\n";
        auto parsed = parse_quotes(text);
        return parsed ? std::move(*parsed) : std::vector<std::string>{"Well begun is half done.\r\n"};
    }();
    return quotes;
}

qotd_service::qotd_service(std::vector<std::string> quotes) : quotes_(std::move(quotes)) {
    if (quotes_.empty()) quotes_ = builtin_quotes();
    for (auto& q : quotes_) {
        if (q.size() > max_quote_bytes) q.resize(max_quote_bytes);
    }
}

void qotd_service::append_answer(byte_buffer& out) const {
    const auto& q = quotes_[next_.fetch_add(1, std::memory_order_relaxed) % quotes_.size()];
    out.insert(out.end(), q.begin(), q.end());
}

}  // namespace sockit::services
