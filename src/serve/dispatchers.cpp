// SPDX-License-Identifier: MIT
// The blocking models' dispatchers: uniplex (inline), fork (a child per connection, reaped), thread (a thread
// per connection).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "pool_bridge.hpp"
#include "server_impl.hpp"

namespace sockit::serve::detail {
namespace {

using namespace std::chrono_literals;

/// uniplex: the accepting thread serves each connection to its end before it accepts the next (the
/// seeds' recv_1_tcp); the others wait in the listen backlog.
class uniplex_dispatcher final : public dispatcher {
public:
    explicit uniplex_dispatcher(server_impl& s)
        : s_(s), close_listeners_([this] { s_.close_all_listeners(); }) {}
    void dispatch(socket sock, endpoint peer, const listener_spec& spec) override {
        // A stop that arrives while a client is served closes the listeners at once (new clients are
        // refused instead of waiting in the backlog); the loop unwatches them when it gets control back.
        serve_blocking(s_, std::move(sock), peer, spec, close_listeners_);
    }
    std::size_t in_flight() override { return 0; }
    void wait_all() override {}

private:
    server_impl& s_;
    std::function<void()> close_listeners_;
};

/// thread: one detached thread per connection, counted; wait_all() waits for the count to reach zero.
class thread_dispatcher final : public dispatcher {
public:
    explicit thread_dispatcher(server_impl& s) noexcept : s_(s) {}
    ~thread_dispatcher() override { wait_all(); }

    void dispatch(socket sock, endpoint peer, const listener_spec& spec) override {
        {
            std::lock_guard lock(mu_);
            ++running_;
        }
        try {
            std::thread([this, sock = std::move(sock), peer, &spec]() mutable {
                serve_blocking(s_, std::move(sock), peer, spec);
                std::lock_guard lock(mu_);
                --running_;
                cv_.notify_all();
            }).detach();
        } catch (const std::system_error&) {
            // EAGAIN: no thread for it; the socket was moved into the lambda that never ran and is closed.
            s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
            s_.stats.rejected.fetch_add(1, std::memory_order_relaxed);
            std::lock_guard lock(mu_);
            --running_;
        }
    }
    std::size_t in_flight() override {
        std::lock_guard lock(mu_);
        return running_;
    }
    void wait_all() override {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return running_ == 0; });
    }

private:
    server_impl& s_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::size_t running_ = 0;
};

/// fork: one child process per connection (the seeds' recv_n_tcp). SIGCHLD arrives through the loop's
/// signalfd and every tick reaps too (SIGCHLD can be lost to a thread that does not block it); only this
/// server's own children are waited for, by pid.
class fork_dispatcher final : public dispatcher {
public:
    explicit fork_dispatcher(server_impl& s) noexcept : s_(s) {}
    ~fork_dispatcher() override { wait_all(); }

    result<void> attach(event_loop& loop) override {
        loop_ = &loop;
        static constexpr int chld[] = {SIGCHLD};
        auto w = loop.watch_signals(chld, [this](const signal_info&) { reap(); });
        if (w) sigchld_ = *w;  // without it (EMFILE) the periodic tick still reaps
        return {};
    }

    void dispatch(socket sock, endpoint peer, const listener_spec& spec) override {
        const pid_t pid = ::fork();
        if (pid < 0) {
            s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
            s_.stats.rejected.fetch_add(1, std::memory_order_relaxed);
            return;  // EAGAIN, ENOMEM: the socket closes here
        }
        if (pid == 0) {
            // The child: its own default dispositions (a stop handler of the parent must not keep it
            // alive), none of the listening sockets (so the port closes when the parent closes it), and
            // no destructors at the end (they would touch the event loop the parent shares).
            ::signal(SIGTERM, SIG_DFL);
            ::signal(SIGINT, SIG_DFL);
            s_.close_all_listeners();
            serve_blocking(s_, std::move(sock), peer, spec);
            ::_exit(0);
        }
        try {
            children_.insert(pid);
        } catch (...) {
            // Untracked: still reaped by wait_all()'s final waitpid loop is impossible by pid; kill it now.
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
        }
    }
    std::size_t in_flight() override { return children_.size(); }
    void tick() override { reap(); }
    void after_grace() override {
        for (pid_t pid : children_) ::kill(pid, SIGTERM);
    }
    void wait_all() override {
        const auto deadline = std::chrono::steady_clock::now() + 2s;
        while (!children_.empty() && std::chrono::steady_clock::now() < deadline) {
            reap();
            if (!children_.empty()) std::this_thread::sleep_for(10ms);
        }
        for (pid_t pid : children_) ::kill(pid, SIGKILL);
        for (pid_t pid : children_) {
            while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
            }
            s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
        }
        children_.clear();
        if (loop_ != nullptr && sigchld_) {
            loop_->unwatch(sigchld_);
            sigchld_ = {};
        }
    }

private:
    void reap() noexcept {
        for (auto it = children_.begin(); it != children_.end();) {
            int status = 0;
            const pid_t r = ::waitpid(*it, &status, WNOHANG);
            if (r == *it || (r < 0 && errno == ECHILD)) {
                it = children_.erase(it);
                s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
            } else {
                ++it;
            }
        }
    }

    server_impl& s_;
    event_loop* loop_ = nullptr;
    watch_handle sigchld_;
    std::unordered_set<pid_t> children_;
};

/// pool: a fixed set of worker threads (sockit::worker_pool) takes accepted connections in order; the
/// ones beyond the workers wait in the queue (counted against max_connections). Connections still
/// queued when the grace period ends are closed unserved.
class pool_dispatcher final : public dispatcher {
public:
    explicit pool_dispatcher(server_impl& s) noexcept : s_(s) {}
    ~pool_dispatcher() override { wait_all(); }

    result<void> attach(event_loop& loop) override {
        (void)loop;
        const std::size_t n =
            s_.opts.workers != 0 ? s_.opts.workers : 4 * std::max(1u, std::thread::hardware_concurrency());
        auto p = pool_bridge::create(n);
        if (!p) return fail(p.error());
        pool_ = std::move(*p);
        return {};
    }

    void dispatch(socket sock, endpoint peer, const listener_spec& spec) override {
        // std::function needs a copyable callable: the socket travels in a shared job record.
        auto job = std::make_shared<pending>(std::move(sock), peer, &spec);
        in_flight_.fetch_add(1);
        bool queued = false;
        try {
            queued = pool_->submit([this, job] { run(*job); });
        } catch (...) {
        }
        if (!queued) {
            in_flight_.fetch_sub(1);
            s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
            s_.stats.rejected.fetch_add(1, std::memory_order_relaxed);
        }
    }
    std::size_t in_flight() override { return in_flight_.load(); }
    void after_grace() override { cancel_.store(true); }
    void wait_all() override {
        if (pool_) pool_->shutdown();
    }

private:
    struct pending {
        pending(socket sk, endpoint p, const listener_spec* sp) noexcept
            : sock(std::move(sk)), peer(p), spec(sp) {}
        socket sock;
        endpoint peer;
        const listener_spec* spec;
    };
    void run(pending& j) noexcept {
        if (cancel_.load()) {
            j.sock.close();
            s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
        } else {
            serve_blocking(s_, std::move(j.sock), j.peer, *j.spec);
        }
        in_flight_.fetch_sub(1);
    }

    server_impl& s_;
    std::unique_ptr<pool_bridge> pool_;
    std::atomic<std::size_t> in_flight_{0};
    std::atomic<bool> cancel_{false};
};

}  // namespace

std::unique_ptr<dispatcher> make_dispatcher(server_impl& s) {
    switch (s.opts.model) {
        case server_model::uniplex: return std::make_unique<uniplex_dispatcher>(s);
        case server_model::thread: return std::make_unique<thread_dispatcher>(s);
        case server_model::fork: return std::make_unique<fork_dispatcher>(s);
        case server_model::pool: return std::make_unique<pool_dispatcher>(s);
        default: return nullptr;
    }
}

}  // namespace sockit::serve::detail
