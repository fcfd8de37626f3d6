// SPDX-License-Identifier: MIT
// scoped_path_remover: removes a file this process created (a Unix socket's path) when the owner goes out
// of scope, and also when a terminating signal (SIGINT, SIGTERM, SIGHUP) ends the process first.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "sockit/core/result.hpp"

namespace sockit::sys {

/// Owns the removal of one path. Move-only; the destructor unlink(2)s the path (errors ignored: the file
/// may already be gone).
///
/// With signals, they are blocked in the creating thread and a helper thread waits for them (sigwaitinfo):
/// it removes the path, restores the signal's default action and raises it again, so the process ends as
/// the signal asked (same exit status) without a file left behind. No state outside the object: the path
/// lives in it, not in a global a signal handler could reach. Thread affinity: create and destroy it on the
/// main thread before starting other threads (they inherit the blocked mask); children started with
/// sys::spawn get an empty mask. One object with signals at a time per process.
class scoped_path_remover {
public:
    scoped_path_remover() noexcept;
    /// Removes `path` at scope exit only.
    explicit scoped_path_remover(std::string path);
    /// Removes `path` at scope exit and when one of `signals` arrives. Errors: EINVAL for a signal that
    /// cannot be caught; EAGAIN when the helper thread cannot start. Does not block.
    static result<scoped_path_remover> with_signals(std::string path, std::initializer_list<int> signals);

    scoped_path_remover(scoped_path_remover&& other) noexcept;
    scoped_path_remover& operator=(scoped_path_remover&& other) noexcept;
    scoped_path_remover(const scoped_path_remover&) = delete;
    scoped_path_remover& operator=(const scoped_path_remover&) = delete;
    ~scoped_path_remover();

    /// The path to remove (empty when none).
    [[nodiscard]] std::string path() const;
    /// Forgets the path: nothing is removed (the signal watch, if any, stays until destruction).
    void release() noexcept;

private:
    struct state;  // the path (and the watching thread): on the heap, so a move never strands the thread
    std::unique_ptr<state> state_;
};

}  // namespace sockit::sys
