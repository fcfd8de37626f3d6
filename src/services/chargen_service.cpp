// SPDX-License-Identifier: MIT
// chargen_service (RFC 864): one period of the pattern precomputed, copied out from any offset.
#include "sockit/services/chargen_service.hpp"

#include <algorithm>
#include <array>
#include <random>

namespace sockit::services {
namespace {

using pattern = chargen_pattern;

constexpr std::array<std::uint8_t, pattern::period> make_period() {
    std::array<std::uint8_t, pattern::period> p{};
    for (std::size_t line = 0; line < pattern::ring; ++line) {
        for (std::size_t col = 0; col < pattern::line_chars; ++col)
            p[line * pattern::line_bytes + col] =
                static_cast<std::uint8_t>(' ' + (line + col) % pattern::ring);
        p[line * pattern::line_bytes + pattern::line_chars] = '\r';
        p[line * pattern::line_bytes + pattern::line_chars + 1] = '\n';
    }
    return p;
}

constexpr auto period_bytes = make_period();

class chargen_session final : public stream_session {
public:
    stream_action on_connect(byte_buffer&) override { return stream_action::keep_open; }
    stream_action on_data(bytes_view, byte_buffer&) override {
        return stream_action::keep_open;
    }  // discarded
    [[nodiscard]] bool is_generator() const noexcept override { return true; }
    void generate(byte_buffer& out, std::size_t budget) override {
        pattern::append(out, offset_, budget);
        offset_ = (offset_ + budget) % pattern::period;
    }

private:
    std::uint64_t offset_ = 0;
};

std::size_t random_length() {
    thread_local std::minstd_rand rng{std::random_device{}()};
    return std::uniform_int_distribution<std::size_t>(0, max_datagram_reply)(rng);
}

}  // namespace

std::uint8_t chargen_pattern::at(std::uint64_t offset) noexcept { return period_bytes[offset % period]; }

void chargen_pattern::append(byte_buffer& out, std::uint64_t offset, std::size_t count) {
    std::size_t at = static_cast<std::size_t>(offset % period);
    out.reserve(out.size() + count);
    while (count != 0) {
        std::size_t n = std::min(count, period - at);
        out.insert(out.end(), period_bytes.begin() + static_cast<std::ptrdiff_t>(at),
                   period_bytes.begin() + static_cast<std::ptrdiff_t>(at + n));
        count -= n;
        at = 0;
    }
}

std::unique_ptr<stream_session> chargen_service::open_stream() const {
    return std::make_unique<chargen_session>();
}

bool chargen_service::on_datagram(bytes_view, byte_buffer& reply) const {
    const std::size_t length =
        std::min(opts_.udp_length ? *opts_.udp_length : random_length(), max_datagram_reply);
    const std::uint64_t line = next_line_.fetch_add(1, std::memory_order_relaxed) % pattern::ring;
    pattern::append(reply, line * pattern::line_bytes, length);
    return true;
}

}  // namespace sockit::services
