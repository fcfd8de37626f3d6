// SPDX-License-Identifier: MIT
// buffer: growth and compaction of the outgoing byte queue.
#include "sockit/event/buffer.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <utility>

namespace sockit {

buffer::buffer(buffer&& other) noexcept
    : data_(std::move(other.data_)),
      capacity_(std::exchange(other.capacity_, 0)),
      begin_(std::exchange(other.begin_, 0)),
      end_(std::exchange(other.end_, 0)),
      high_water_(other.high_water_) {}

buffer& buffer::operator=(buffer&& other) noexcept {
    if (this != &other) {
        data_ = std::move(other.data_);
        capacity_ = std::exchange(other.capacity_, 0);
        begin_ = std::exchange(other.begin_, 0);
        end_ = std::exchange(other.end_, 0);
        high_water_ = other.high_water_;
    }
    return *this;
}

void buffer::make_room(std::size_t n) {
    if (capacity_ - end_ >= n) return;
    const std::size_t used = size();
    if (n > capacity_ - used) {  // does not fit even after compaction (capacity_ >= used: no underflow)
        if (n > SIZE_MAX / 2 - used) throw std::bad_alloc();
        std::size_t cap = std::max<std::size_t>({capacity_ * 2, used + n, 256});
        auto bigger = std::make_unique_for_overwrite<std::uint8_t[]>(cap);
        if (used != 0) std::memcpy(bigger.get(), data_.get() + begin_, used);
        data_ = std::move(bigger);
        capacity_ = cap;
    } else if (used != 0) {
        std::memmove(data_.get(), data_.get() + begin_, used);
    }
    begin_ = 0;
    end_ = used;
}

void buffer::append(bytes_view data) {
    if (data.empty()) return;
    make_room(data.size());
    std::memcpy(data_.get() + end_, data.data(), data.size());
    end_ += data.size();
}

std::span<std::uint8_t> buffer::prepare(std::size_t n) {
    make_room(n);
    return {data_.get() + end_, capacity_ - end_};
}

void buffer::consume(std::size_t n) noexcept {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;  // empty: the next append starts at the front, no copy
}

void buffer::shrink_if_empty() noexcept {
    if (!empty()) return;
    data_.reset();
    capacity_ = 0;
    begin_ = end_ = 0;
}

}  // namespace sockit
