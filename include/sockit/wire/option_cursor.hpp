// SPDX-License-Identifier: MIT
// option_cursor: walks kind/length/value option lists as IPv4 (RFC 791) and TCP (RFC 9293) lay them out.
#pragma once

#include <cstdint>

#include "sockit/core/bytes.hpp"
#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {

/// One option: its kind and its value bytes (without the kind and length bytes).
struct option_entry {
    std::uint8_t kind = 0;
    bytes_view value{};
};

/// Iterates options where kind 0 ends the list, kind 1 is a one-byte no-op, and every other kind has a
/// length byte counting the whole option. Stops on the end-of-list kind, at the end of the bytes, or at
/// a malformed option (length < 2 or past the end), which error() then reports as codec_errc::bad_length.
/// No-ops are returned (kind 1) so that a field tree can show them. Never reads past the bytes.
class option_cursor {
public:
    explicit option_cursor(bytes_view options) noexcept : data_(options) {}

    /// Reads the next option into out; false when there are no more (see error()).
    bool next(option_entry& out) noexcept {
        if (pos_ >= data_.size() || done_) return false;
        std::uint8_t kind = data_[pos_];
        if (kind == 0) {  // end of option list: the rest is padding
            done_ = true;
            out = {0, {}};
            return true;
        }
        if (kind == 1) {
            ++pos_;
            out = {1, {}};
            return true;
        }
        if (pos_ + 2 > data_.size() || data_[pos_ + 1] < 2 || pos_ + data_[pos_ + 1] > data_.size()) {
            error_ = codec_errc::bad_length;
            done_ = true;
            return false;
        }
        std::size_t len = data_[pos_ + 1];
        out = {kind, data_.subspan(pos_ + 2, len - 2)};
        pos_ += len;
        return true;
    }
    /// codec_errc::bad_length after a malformed option, else a value-initialized code (0).
    [[nodiscard]] codec_errc error() const noexcept { return error_; }

private:
    bytes_view data_;
    std::size_t pos_ = 0;
    bool done_ = false;
    codec_errc error_{};
};

}  // namespace sockit::wire
