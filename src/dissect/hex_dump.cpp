// SPDX-License-Identifier: MIT
// hex_dump: a frame's bytes in hex, as tcpdump -xx lays them out or as one JSON string.
#include "hex_dump.hpp"

#include "output_buffer.hpp"

namespace sockit::dissect {

void write_hex_dump(output_buffer& out, bytes_view data) {
    for (std::size_t off = 0; off < data.size(); off += 16) {
        char* p = out.reserve(64);
        p = put_s(p, "\t0x");
        p = put_hex(p, off, 4);
        p = put_s(p, ": ");
        for (std::size_t i = off; i < off + 16 && i < data.size(); ++i) {
            if ((i - off) % 2 == 0) *p++ = ' ';
            *p++ = hex_digits[data[i] >> 4];
            *p++ = hex_digits[data[i] & 15];
        }
        *p++ = '\n';
        out.commit(p);
    }
}

void write_hex_string(output_buffer& out, bytes_view data) {
    // In pieces, so that a jumbo frame never asks the buffer for more than it reserves at once.
    constexpr std::size_t piece = 4096;
    for (std::size_t i = 0; i < data.size(); i += piece) {
        std::size_t n = data.size() - i < piece ? data.size() - i : piece;
        char* q = out.reserve(2 * n);
        for (std::size_t k = 0; k < n; ++k) {
            *q++ = hex_digits[data[i + k] >> 4];
            *q++ = hex_digits[data[i + k] & 15];
        }
        out.commit(q);
    }
}

}  // namespace sockit::dissect
