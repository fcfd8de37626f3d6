// SPDX-License-Identifier: MIT
// process: posix_spawnp(3) with dup2 file actions, default signals and an empty mask; waitpid(2); kill(2).
#include "sockit/sys/process.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "sockit/sys/sys_error.hpp"

extern char** environ;

namespace sockit::sys {
namespace {

exit_status status_of(int raw) noexcept {
    exit_status s;
    if (WIFEXITED(raw)) s.code = WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) s.signal = WTERMSIG(raw);
    return s;
}

/// A posix_spawn object (file actions or attributes) initialised and destroyed with its owner.
template <class T, int (*init)(T*), int (*destroy)(T*)>
class spawn_object {
public:
    spawn_object() noexcept { ok_ = init(&value_) == 0; }
    spawn_object(const spawn_object&) = delete;
    spawn_object& operator=(const spawn_object&) = delete;
    ~spawn_object() {
        if (ok_) destroy(&value_);
    }
    [[nodiscard]] bool ok() const noexcept { return ok_; }
    T* get() noexcept { return &value_; }

private:
    T value_{};
    bool ok_ = false;
};

using file_actions =
    spawn_object<posix_spawn_file_actions_t, posix_spawn_file_actions_init, posix_spawn_file_actions_destroy>;
using spawn_attributes = spawn_object<posix_spawnattr_t, posix_spawnattr_init, posix_spawnattr_destroy>;

/// dup2(from, to) in the child; nothing when from is -1 (inherit).
int dup_onto(file_actions& actions, int from, int to) noexcept {
    if (from < 0) return 0;
    return posix_spawn_file_actions_adddup2(actions.get(), from, to);
}

}  // namespace

child_process::child_process(child_process&& other) noexcept : pid_(std::exchange(other.pid_, 0)) {}

child_process& child_process::operator=(child_process&& other) noexcept {
    if (this != &other) pid_ = std::exchange(other.pid_, 0);
    return *this;
}

result<exit_status> child_process::wait() noexcept {
    if (pid_ <= 0) return fail(sys_error(ECHILD));
    int raw = 0;
    while (::waitpid(pid_, &raw, 0) < 0)
        if (errno != EINTR) return fail(last_error());
    pid_ = 0;
    return status_of(raw);
}

result<std::optional<exit_status>> child_process::try_wait() noexcept {
    if (pid_ <= 0) return fail(sys_error(ECHILD));
    int raw = 0;
    pid_t r = 0;
    do r = ::waitpid(pid_, &raw, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r < 0) return fail(last_error());
    if (r == 0) return std::optional<exit_status>{};
    pid_ = 0;
    return std::optional<exit_status>{status_of(raw)};
}

result<void> child_process::kill(int signo) noexcept {
    if (pid_ <= 0) return fail(sys_error(ESRCH));
    if (::kill(pid_, signo) != 0) return fail(last_error());
    return {};
}

result<child_process> spawn(const spawn_options& options) noexcept {
    if (options.argv.empty()) return fail(sys_error(EINVAL));
    try {
        std::vector<char*> argv;
        argv.reserve(options.argv.size() + 1);
        for (const auto& a : options.argv) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);

        file_actions actions;
        spawn_attributes attr;
        if (!actions.ok() || !attr.ok()) return fail(sys_error(ENOMEM));
        int rc = dup_onto(actions, options.stdin_fd, STDIN_FILENO);
        if (rc == 0) rc = dup_onto(actions, options.stdout_fd, STDOUT_FILENO);
        if (rc == 0) rc = dup_onto(actions, options.stderr_fd, STDERR_FILENO);
        if (rc != 0) return fail(sys_error(rc));

        sigset_t defaults;
        sigemptyset(&defaults);
        for (int signo : options.default_signals)
            if (sigaddset(&defaults, signo) != 0) return fail(sys_error(EINVAL));
        sigset_t empty;
        sigemptyset(&empty);
        rc = posix_spawnattr_setsigdefault(attr.get(), &defaults);
        if (rc == 0) rc = posix_spawnattr_setsigmask(attr.get(), &empty);
        if (rc == 0)
            rc = posix_spawnattr_setflags(attr.get(), POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
        if (rc != 0) return fail(sys_error(rc));

        pid_t pid = 0;
        // glibc reports a failed exec here (ENOENT, EACCES) and reaps the child itself.
        rc = posix_spawnp(&pid, argv[0], actions.get(), attr.get(), argv.data(), environ);
        if (rc != 0) return fail(sys_error(rc));
        return child_process(pid);
    } catch (const std::bad_alloc&) {
        return fail(sys_error(ENOMEM));
    }
}

}  // namespace sockit::sys
