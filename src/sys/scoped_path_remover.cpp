// SPDX-License-Identifier: MIT
// scoped_path_remover: unlink at scope exit; terminating signals taken by a sigwaitinfo(2) thread that
// removes the path and re-raises, so no signal handler (and no global the handler would need) is involved.
#include "sockit/sys/scoped_path_remover.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

#include "sockit/sys/sys_error.hpp"

namespace sockit::sys {

struct scoped_path_remover::state {
    std::mutex lock;
    std::string path;  // guarded by lock (the watcher reads it)
    sigset_t signals{};
    sigset_t previous_mask{};
    bool watching = false;
    std::atomic<bool> stopping{false};
    std::thread watcher;

    void remove() {
        std::lock_guard guard(lock);
        if (!path.empty()) (void)::unlink(path.c_str());
        path.clear();
    }

    /// The watcher: waits for one of the signals; on a real one removes the path and dies by it.
    void watch() {
        for (;;) {
            siginfo_t info{};
            int signo = sigwaitinfo(&signals, &info);
            if (signo < 0) continue;  // EINTR: some other signal
            // stop()'s wake-up is queued by this process with this object's address; anything else is real.
            bool wake_up = stopping.load() && info.si_code == SI_QUEUE && info.si_pid == ::getpid() &&
                           info.si_value.sival_ptr == this;
            if (wake_up) return;
            remove();
            // Die the way the signal asked: default action, unblocked in this thread, raised at it.
            struct sigaction dfl {};
            dfl.sa_handler = SIG_DFL;
            sigemptyset(&dfl.sa_mask);
            (void)sigaction(signo, &dfl, nullptr);
            sigset_t one;
            sigemptyset(&one);
            sigaddset(&one, signo);
            (void)pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
            (void)::raise(signo);
            return;  // not reached for a terminating signal
        }
    }

    void stop() {
        if (!watching) return;
        watching = false;
        stopping.store(true);
        int first = 0;
        for (int s = 1; s < NSIG && first == 0; ++s)
            if (sigismember(&signals, s) == 1) first = s;
        sigval value{};
        value.sival_ptr = this;
        (void)pthread_sigqueue(watcher.native_handle(), first, value);
        watcher.join();
        (void)pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
    }
};

scoped_path_remover::scoped_path_remover() noexcept = default;

scoped_path_remover::scoped_path_remover(std::string path) : state_(std::make_unique<state>()) {
    state_->path = std::move(path);
}

result<scoped_path_remover> scoped_path_remover::with_signals(std::string path,
                                                              std::initializer_list<int> signals) {
    scoped_path_remover r(std::move(path));
    state& st = *r.state_;
    sigemptyset(&st.signals);
    for (int s : signals)
        if (s == SIGKILL || s == SIGSTOP || sigaddset(&st.signals, s) != 0) return fail(sys_error(EINVAL));
    if (signals.size() == 0) return r;
    if (int rc = pthread_sigmask(SIG_BLOCK, &st.signals, &st.previous_mask); rc != 0)
        return fail(sys_error(rc));
    try {
        st.watcher = std::thread([&st] { st.watch(); });  // inherits the blocked mask
    } catch (const std::system_error&) {
        (void)pthread_sigmask(SIG_SETMASK, &st.previous_mask, nullptr);
        return fail(sys_error(EAGAIN));
    }
    st.watching = true;
    return r;
}

scoped_path_remover::scoped_path_remover(scoped_path_remover&& other) noexcept = default;

scoped_path_remover& scoped_path_remover::operator=(scoped_path_remover&& other) noexcept {
    if (this != &other) {
        if (state_) {
            state_->stop();
            state_->remove();
        }
        state_ = std::move(other.state_);
    }
    return *this;
}

scoped_path_remover::~scoped_path_remover() {
    if (!state_) return;
    // Remove first: a signal arriving while the watcher stops still finds nothing left behind.
    state_->remove();
    state_->stop();
}

std::string scoped_path_remover::path() const {
    if (!state_) return {};
    std::lock_guard guard(state_->lock);
    return state_->path;
}

void scoped_path_remover::release() noexcept {
    if (!state_) return;
    std::lock_guard guard(state_->lock);
    state_->path.clear();
}

}  // namespace sockit::sys
