// SPDX-License-Identifier: MIT
// output_buffer: the printers' large append buffer over a stdio stream: callers reserve room, write at a
// raw cursor and commit, so a packet costs no allocation and no system call.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string_view>

#include "sockit/dissect/put_text.hpp"

namespace sockit::dissect {

/// reserve(n) guarantees n writable bytes at the returned pointer; commit(end) keeps what was written.
/// Flushes to the stream when past the high-water mark. Single-threaded.
class output_buffer {
public:
    static constexpr std::size_t capacity = 1 << 20;
    static constexpr std::size_t high_water = capacity - (1 << 16);

    explicit output_buffer(std::FILE* f) : f_(f), data_(new char[capacity]) {}
    ~output_buffer() { flush(); }
    output_buffer(const output_buffer&) = delete;
    output_buffer& operator=(const output_buffer&) = delete;

    /// Room for n bytes (callers never ask for more than 64 KiB at once).
    char* reserve(std::size_t n) {
        if (size_ + n > capacity) flush();
        return data_.get() + size_;
    }
    void commit(char* end) noexcept {
        size_ = static_cast<std::size_t>(end - data_.get());
        if (size_ > high_water) flush();
    }
    void put(std::string_view s) { commit(put_s(reserve(s.size()), s)); }
    /// Writes what is buffered; false once any write failed.
    bool flush() noexcept {
        if (size_ != 0 && std::fwrite(data_.get(), 1, size_, f_) != size_) ok_ = false;
        size_ = 0;
        return ok_;
    }
    /// Writes what is buffered and flushes the stream; false once any write failed.
    bool finish() noexcept { return flush() && std::fflush(f_) == 0 && ok_; }

private:
    std::FILE* f_;
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    bool ok_ = true;
};

}  // namespace sockit::dissect
