// SPDX-License-Identifier: MIT
// guarded_buffer: memory whose next page is PROT_NONE, for the decoder tests' "input before a guard page"
// cases: bytes placed at its end make any read past them fault.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "sockit/core/bytes.hpp"

namespace sockit::test {

/// `pages` readable pages followed by a PROT_NONE one. Not copyable.
class guarded_buffer {
public:
    explicit guarded_buffer(std::size_t pages = 1) {
        page_ = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        size_ = pages * page_;
        void* mem =
            ::mmap(nullptr, size_ + page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) return;
        base_ = static_cast<std::uint8_t*>(mem);
        if (::mprotect(base_ + size_, page_, PROT_NONE) != 0) {
            ::munmap(base_, size_ + page_);
            base_ = nullptr;
        }
    }
    ~guarded_buffer() {
        if (base_ != nullptr) ::munmap(base_, size_ + page_);
    }
    guarded_buffer(const guarded_buffer&) = delete;
    guarded_buffer& operator=(const guarded_buffer&) = delete;

    /// False when the memory could not be mapped or guarded (check before place()).
    [[nodiscard]] bool ok() const noexcept { return base_ != nullptr; }
    /// How many bytes place() takes.
    [[nodiscard]] std::size_t capacity() const noexcept { return size_; }

    /// Copies `b` so that its last byte is the last readable one; returns the copy. Precondition: ok() and
    /// b.size() <= capacity().
    bytes_view place(bytes_view b) {
        std::uint8_t* at = base_ + size_ - b.size();
        if (!b.empty()) std::memcpy(at, b.data(), b.size());
        return {at, b.size()};
    }

private:
    std::uint8_t* base_ = nullptr;
    std::size_t page_ = 0;
    std::size_t size_ = 0;
};

}  // namespace sockit::test
