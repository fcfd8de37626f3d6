// SPDX-License-Identifier: MIT
// Fuzz target: a sequence of frames through dissect::packet_printer in every format, with checksum
// verdicts (-vv) and relative TCP numbers (per-connection state across the frames): no crash, no read past
// a frame, and every line ends in a newline.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "fuzz_check.hpp"
#include "sockit/dissect/packet_printer.hpp"

using namespace sockit;
using namespace sockit::dissect;

namespace {

constexpr link_type links[] = {link_type::ethernet,  link_type::raw,        link_type::ppp,
                               link_type::linux_sll, link_type::linux_sll2, link_type::null,
                               link_type::loop,      link_type::ipv4,       link_type::ipv6};

}  // namespace

// Input: one byte of settings (format, -vv, -S, link type), then frames, each behind a one-byte length.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t settings = data[0];
    packet_printer_options o;
    o.format = (settings & 3) == 1   ? packet_format::verbose
               : (settings & 3) == 2 ? packet_format::json
                                     : packet_format::line;
    o.checksums = (settings & 4) != 0;
    o.absolute_seq = (settings & 8) != 0;
    o.utc = true;
    const link_type link = links[(settings >> 4) % std::size(links)];
    char* text = nullptr;
    std::size_t text_size = 0;
    std::FILE* out = open_memstream(&text, &text_size);
    sockit::fuzz::check(out != nullptr);
    std::size_t frames = 0;
    {
        packet_printer printer(o, out);
        std::size_t at = 1;
        while (at < size) {
            std::size_t n = data[at++];
            if (n > size - at) n = size - at;
            // Each frame is copied so that a read past its end hits the sanitizer's redzone.
            std::vector<std::uint8_t> frame(data + at, data + at + n);
            at += n;
            printer.packet(timeval{static_cast<long>(frames), 0}, static_cast<std::uint32_t>(n), frame, link);
            ++frames;
        }
        sockit::fuzz::check(printer.finish() && printer.count() == frames);
    }
    std::fclose(out);
    sockit::fuzz::check(frames == 0 || (text_size > 0 && text[text_size - 1] == '\n'));
    std::free(text);
    return 0;
}
