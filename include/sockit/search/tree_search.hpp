// SPDX-License-Identifier: MIT
// search_tree: the parallel recursive search for files containing a fixed string (the seeds' recurse-search).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "sockit/core/result.hpp"

namespace sockit::search {

/// Which matches a search reports.
enum class search_mode {
    first_found,   ///< the first file found to contain the needle, in time: the walk stops at once
    first_sorted,  ///< the matching file whose path sorts first (bytewise): subtrees after it are pruned
    all,           ///< every matching file, in the order found
};

struct search_options {
    std::string needle;        ///< the fixed string; not empty
    bool ignore_case = false;  ///< ASCII letters match either case
    search_mode mode = search_mode::first_found;
    bool follow = false;      ///< follow symbolic links met in the walk (loops cut by device and inode)
    std::size_t workers = 1;  ///< threads of the worker pool, at least 1
    std::size_t buffer_size = 256 * 1024;  ///< read buffer per worker: the memory bound of file scanning
};

/// A path the walk could not read, and why (EACCES, ENOENT, ELOOP, EIO, ...).
struct path_error {
    std::string path;
    std::error_code error;
};

/// What one worker thread of the pool did.
struct worker_stats {
    std::size_t directories = 0;              ///< directory tasks run
    std::size_t files = 0;                    ///< file tasks run
    std::uint64_t bytes = 0;                  ///< bytes read from files
    std::chrono::nanoseconds busy{0};         ///< time spent running tasks
    std::chrono::nanoseconds first_start{0};  ///< when its first task started, from the search's start
    std::chrono::nanoseconds last_end{0};     ///< when its last task ended, from the search's start
};

struct search_report {
    std::vector<std::string> matches;   ///< first modes: at most one; all: every match, in the order found
    std::vector<path_error> errors;     ///< unreadable paths, sorted by path
    std::vector<worker_stats> workers;  ///< one per pool thread
    std::size_t directories = 0;        ///< directory tasks run (the workers' sum)
    std::size_t files = 0;              ///< file tasks run (the workers' sum)
    std::uint64_t bytes = 0;            ///< bytes read from files
    std::chrono::nanoseconds elapsed{0};
};

/// Searches the trees under `roots` for regular files containing `options.needle`: directories are read
/// and files scanned as tasks of a worker pool of `options.workers` threads. A root may be a directory or
/// a file (symbolic links given as roots are followed). Hidden files are searched; fifos, sockets and
/// devices are skipped; symbolic links met in the walk are skipped unless `options.follow`, and then each
/// directory is entered once (by device and inode), so link loops end. Paths are the root joined with the
/// names below it by '/'. Unreadable paths land in `errors` and the walk goes on. Blocks until done; the
/// first_found mode stops every worker as soon as a match is recorded (tasks still queued never run,
/// files being read are left at their next read). Memory: one read buffer per worker, plus the queued
/// paths. Errors (the search itself could not run): EINVAL for an empty needle or no workers; a thread
/// that could not start (EAGAIN).
[[nodiscard]] result<search_report> search_tree(const search_options& options,
                                                std::span<const std::string> roots);

}  // namespace sockit::search
