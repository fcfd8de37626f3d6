// SPDX-License-Identifier: MIT
// search_tree: directories and files as worker-pool tasks, shared match state, per-worker counters.
#include "sockit/search/tree_search.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "sockit/pool/worker_pool.hpp"
#include "sockit/search/stream_scanner.hpp"
#include "sockit/search/substring_finder.hpp"
#include "sockit/sys/sys_error.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::search {
namespace {

using clock_type = std::chrono::steady_clock;

enum class node_kind { directory, file, other };

node_kind kind_of(mode_t mode) noexcept {
    if (S_ISDIR(mode)) return node_kind::directory;
    if (S_ISREG(mode)) return node_kind::file;
    return node_kind::other;
}

std::string join(const std::string& dir, const char* name) {
    std::string path;
    path.reserve(dir.size() + 1 + std::strlen(name));
    path += dir;
    if (path.empty() || path.back() != '/') path += '/';
    path += name;
    return path;
}

/// One pool thread's private state: found by thread id (claimed on the thread's first task).
struct worker_slot {
    std::atomic<std::thread::id> owner{};
    std::unique_ptr<stream_scanner> scanner;
    worker_stats stats;
};

/// One search: the pool, the finder, and what the tasks share (matches, errors, visited directories).
class tree_walk {
public:
    explicit tree_walk(const search_options& options)
        : options_(options),
          finder_(options.needle, options.ignore_case),
          slots_(std::make_unique<worker_slot[]>(options.workers)) {}

    result<search_report> run(std::span<const std::string> roots);

private:
    void submit(node_kind kind, std::string path, bool is_root);
    void run_task(node_kind kind, const std::string& path, bool is_root) noexcept;
    void visit_directory(const std::string& path, bool is_root, worker_slot& slot);
    void visit_file(const std::string& path, bool is_root, worker_slot& slot);
    void visit_entry(const std::string& dir, const dirent& entry);
    bool first_visit(int dir_fd, const std::string& path);
    worker_slot& my_slot() noexcept;
    void record_match(const std::string& path);
    void record_error(const std::string& path, std::error_code error);
    [[nodiscard]] bool pruned(const std::string& path) const;
    [[nodiscard]] bool stopped() const noexcept { return stop_.load(std::memory_order_relaxed); }

    const search_options& options_;
    substring_finder finder_;
    std::unique_ptr<worker_slot[]> slots_;
    std::unique_ptr<worker_pool> pool_;
    clock_type::time_point start_ = clock_type::now();
    std::atomic<bool> stop_{false};
    std::atomic<bool> have_match_{false};
    mutable std::mutex mu_;  // guards report_.matches, report_.errors, visited_
    search_report report_;
    std::set<std::pair<dev_t, ino_t>> visited_;
};

worker_slot& tree_walk::my_slot() noexcept {
    const auto me = std::this_thread::get_id();
    for (std::size_t i = 0;; i = (i + 1) % options_.workers) {
        auto owner = slots_[i].owner.load(std::memory_order_acquire);
        if (owner == me) return slots_[i];
        if (owner == std::thread::id{} && slots_[i].owner.compare_exchange_strong(owner, me))
            return slots_[i];
    }
}

void tree_walk::submit(node_kind kind, std::string path, bool is_root) {
    (void)pool_->submit([this, kind, is_root, p = std::move(path)] { run_task(kind, p, is_root); });
}

void tree_walk::run_task(node_kind kind, const std::string& path, bool is_root) noexcept {
    if (stopped()) return;
    worker_slot& slot = my_slot();
    const auto began = clock_type::now();
    if (slot.stats.directories + slot.stats.files == 0) slot.stats.first_start = began - start_;
    try {
        if (kind == node_kind::directory) {
            ++slot.stats.directories;
            visit_directory(path, is_root, slot);
        } else {
            ++slot.stats.files;
            visit_file(path, is_root, slot);
        }
    } catch (const std::bad_alloc&) {
        record_error(path, std::make_error_code(std::errc::not_enough_memory));
    }
    const auto ended = clock_type::now();
    slot.stats.busy += ended - began;
    slot.stats.last_end = ended - start_;
}

bool tree_walk::first_visit(int dir_fd, const std::string& path) {
    struct stat st {};
    if (::fstat(dir_fd, &st) != 0) {
        record_error(path, last_error());
        return false;
    }
    std::lock_guard lock(mu_);
    return visited_.emplace(st.st_dev, st.st_ino).second;
}

void tree_walk::visit_directory(const std::string& path, bool is_root, worker_slot& /*slot*/) {
    if (pruned(path + '/')) return;
    const int nofollow = options_.follow || is_root ? 0 : O_NOFOLLOW;
    unique_fd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | nofollow));
    if (!fd) return record_error(path, last_error());
    if (options_.follow && !first_visit(fd.get(), path)) return;
    DIR* dir = ::fdopendir(fd.get());
    if (dir == nullptr) return record_error(path, last_error());
    (void)fd.release();  // the DIR owns it now
    for (;;) {
        if (stopped()) break;
        errno = 0;
        const dirent* entry = ::readdir(dir);
        if (entry == nullptr) {
            if (errno != 0) record_error(path, last_error());
            break;
        }
        visit_entry(path, *entry);
    }
    ::closedir(dir);
}

void tree_walk::visit_entry(const std::string& dir, const dirent& entry) {
    const char* name = entry.d_name;
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) return;
    switch (entry.d_type) {
        case DT_DIR: return submit(node_kind::directory, join(dir, name), false);
        case DT_REG: return submit(node_kind::file, join(dir, name), false);
        case DT_LNK:
            if (!options_.follow) return;
            break;
        case DT_UNKNOWN: break;  // a file system without types in its directories: ask lstat/stat below
        default: return;         // fifos, sockets, devices
    }
    std::string path = join(dir, name);
    struct stat st {};
    const bool follow = options_.follow;
    if ((follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0)
        return record_error(path, last_error());
    const node_kind kind = kind_of(st.st_mode);
    if (kind != node_kind::other) submit(kind, std::move(path), false);
}

void tree_walk::visit_file(const std::string& path, bool is_root, worker_slot& slot) {
    if (pruned(path)) return;
    // O_NONBLOCK: a regular file swapped for a fifo after readdir must not block the open.
    const int nofollow = options_.follow || is_root ? 0 : O_NOFOLLOW;
    unique_fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | nofollow));
    if (!fd) return record_error(path, last_error());
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return record_error(path, last_error());
    if (!S_ISREG(st.st_mode)) return;
    if (!slot.scanner) slot.scanner = std::make_unique<stream_scanner>(finder_, options_.buffer_size);
    auto outcome = slot.scanner->scan(fd.get(), &stop_, &slot.stats.bytes);
    if (!outcome) return record_error(path, outcome.error());
    if (*outcome == scan_outcome::found) record_match(path);
}

bool tree_walk::pruned(const std::string& path) const {
    if (options_.mode != search_mode::first_sorted || !have_match_.load(std::memory_order_acquire))
        return false;
    std::lock_guard lock(mu_);
    return report_.matches.front() < path;  // every path under `path` sorts after it too
}

void tree_walk::record_match(const std::string& path) {
    std::unique_lock lock(mu_);
    switch (options_.mode) {
        case search_mode::first_found:
            if (!report_.matches.empty()) return;
            report_.matches.push_back(path);
            stop_.store(true, std::memory_order_relaxed);
            lock.unlock();
            (void)pool_->queue().cancel_pending();
            return;
        case search_mode::first_sorted:
            if (report_.matches.empty())
                report_.matches.push_back(path);
            else if (path < report_.matches.front())
                report_.matches.front() = path;
            have_match_.store(true, std::memory_order_release);
            return;
        case search_mode::all: report_.matches.push_back(path); return;
    }
}

void tree_walk::record_error(const std::string& path, std::error_code error) {
    std::lock_guard lock(mu_);
    report_.errors.push_back({path, error});
}

result<search_report> tree_walk::run(std::span<const std::string> roots) {
    auto pool = worker_pool::create(options_.workers);
    if (!pool) return fail(pool.error());
    pool_ = std::move(*pool);
    start_ = clock_type::now();
    for (const auto& root : roots) {
        struct stat st {};
        if (::stat(root.c_str(), &st) != 0) {
            record_error(root, last_error());
            continue;
        }
        const node_kind kind = kind_of(st.st_mode);
        if (kind != node_kind::other) submit(kind, root, true);
    }
    pool_->wait_idle();
    (void)pool_->shutdown(pool_shutdown::drain);
    report_.elapsed = clock_type::now() - start_;
    for (std::size_t i = 0; i < options_.workers; ++i) {
        const worker_stats& s = slots_[i].stats;
        report_.workers.push_back(s);
        report_.directories += s.directories;
        report_.files += s.files;
        report_.bytes += s.bytes;
    }
    std::sort(report_.errors.begin(), report_.errors.end(),
              [](const path_error& a, const path_error& b) { return a.path < b.path; });
    return std::move(report_);
}

}  // namespace

result<search_report> search_tree(const search_options& options, std::span<const std::string> roots) {
    if (options.needle.empty() || options.workers == 0)
        return fail(std::make_error_code(std::errc::invalid_argument));
    try {
        tree_walk walk(options);
        return walk.run(roots);
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
}

}  // namespace sockit::search
