// SPDX-License-Identifier: MIT
// buffer: a contiguous byte queue for outgoing data, with a high-water mark for backpressure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "sockit/core/bytes.hpp"

namespace sockit {

/// Bytes waiting to be written: append at the back, peek and consume at the front. The readable bytes are
/// always contiguous (one send() per peek). Storage is one block that grows geometrically and is reused:
/// consumed space is reclaimed by moving the (usually few) remaining bytes to the front, so a connection
/// in steady state allocates nothing per message.
///
/// The high-water mark is advice, not a limit: append() always succeeds, and the owner stops producing
/// (stops reading its peer, stops generating) while is_full(). Not thread-safe.
class buffer {
public:
    /// A buffer whose is_full() turns true at `high_water` bytes (default 64 KiB). Allocates nothing yet.
    explicit buffer(std::size_t high_water = 64 * 1024) noexcept : high_water_(high_water) {}

    buffer(buffer&& other) noexcept;
    buffer& operator=(buffer&& other) noexcept;
    buffer(const buffer&) = delete;
    buffer& operator=(const buffer&) = delete;
    ~buffer() = default;

    /// Appends a copy of `data`. Throws std::bad_alloc only.
    void append(bytes_view data);

    /// Writable space for at least `n` bytes at the back (for recv() or a generator); make them readable
    /// with commit(). The span is valid until the next non-const call. Throws std::bad_alloc only.
    [[nodiscard]] std::span<std::uint8_t> prepare(std::size_t n);

    /// Makes `n` bytes of the last prepare() readable. Precondition: n <= that span's size.
    void commit(std::size_t n) noexcept { end_ += n; }

    /// The readable bytes, contiguous; valid until the next non-const call.
    [[nodiscard]] bytes_view peek() const noexcept { return {data_.get() + begin_, end_ - begin_}; }

    /// Drops `n` bytes from the front (after send() took them). Precondition: n <= size().
    void consume(std::size_t n) noexcept;

    /// Drops everything (keeps the storage).
    void clear() noexcept { begin_ = end_ = 0; }

    /// Releases the storage when the buffer is empty (an idle connection then costs no memory).
    void shrink_if_empty() noexcept;

    [[nodiscard]] std::size_t size() const noexcept { return end_ - begin_; }
    [[nodiscard]] bool empty() const noexcept { return begin_ == end_; }
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

    [[nodiscard]] std::size_t high_water() const noexcept { return high_water_; }
    void set_high_water(std::size_t n) noexcept { high_water_ = n; }
    /// True when size() >= high_water(): the producer should pause.
    [[nodiscard]] bool is_full() const noexcept { return size() >= high_water_; }
    /// How many bytes may still be added before is_full() (0 when full).
    [[nodiscard]] std::size_t room() const noexcept { return is_full() ? 0 : high_water_ - size(); }

private:
    void make_room(std::size_t n);

    std::unique_ptr<std::uint8_t[]> data_;
    std::size_t capacity_ = 0;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::size_t high_water_;
};

}  // namespace sockit
