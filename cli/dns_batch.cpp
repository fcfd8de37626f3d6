// SPDX-License-Identifier: MIT
// `sockit dns --batch`: JSON Lines resolution of many names with bounded concurrency (one event loop).
#include "dns_batch.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "dns_output.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/dns_client/batch_reader.hpp"
#include "sockit/dns_client/batch_resolver.hpp"
#include "sockit/event/event_loop.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::cli {

int run_dns_batch(const dns_batch_settings& settings) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (settings.file != "-") {
        std::error_code ec;
        if (std::filesystem::is_directory(settings.file, ec)) {
            print_error("dns", settings.file, "is a directory, not a file of queries");
            return exit_code::io_error;
        }
        file.open(settings.file);
        if (!file) {
            print_error("dns", settings.file, last_error().message());
            return exit_code::io_error;
        }
        in = &file;
    }
    auto loop = event_loop::create();
    if (!loop) {
        print_error("dns", "event loop", loop.error().message());
        return exit_code::os_error;
    }
    dns_client::batch_reader reader(*in, settings.default_type, settings.klass);
    std::deque<dns_client::batch_line>
        pending;  // lines handed to the resolver and not yet printed (FIFO by index)
    std::size_t done = 0;
    std::size_t failures = 0;
    int status = exit_code::ok;
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    const bool line_flush = ::isatty(STDOUT_FILENO) == 1;

    auto source = [&]() -> std::optional<dns_client::batch_job> {
        auto line = reader.next();
        if (!line) return std::nullopt;
        dns_client::batch_job job{line->q};
        pending.push_back(std::move(*line));
        return job;
    };
    // Delivery is in index order: the front of `pending` is always the line whose outcome arrives.
    auto sink = [&](std::size_t, const result<dns_client::exchange_result>& outcome,
                    std::chrono::microseconds elapsed) {
        const dns_client::batch_line& line = pending.front();
        nlohmann::ordered_json doc;
        doc["line"] = line.number;
        doc["name"] = line.q ? line.q->name.to_string() : line.name_text;
        doc["type"] = line.q ? dns::to_string(line.q->type) : line.type_text;
        nlohmann::ordered_json error = nullptr;
        if (!line.q) {
            doc["status"] = "INVALID";
            doc["answers"] = nlohmann::ordered_json::array();
            error = line.problem;
            status = std::max(status, static_cast<int>(exit_code::data_error));
            ++failures;
        } else if (outcome) {
            doc["status"] = dns_status(outcome);
            doc["answers"] = dns_section_json(outcome->response.answers);
        } else {
            doc["status"] = dns_status(outcome);
            doc["answers"] = nlohmann::ordered_json::array();
            error = dns_failure_text(outcome.error(), settings.batch.exchange, settings.batch.servers.size());
            status = std::max(status, dns_exit_code(outcome));
            ++failures;
        }
        doc["time_ms"] = dns_millis(elapsed);
        doc["error"] = std::move(error);
        std::cout << doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        if (line_flush) std::cout.flush();
        ++done;
        pending.pop_front();
    };

    timer_handle progress;
    if (tty) {
        progress = (*loop)->add_periodic(std::chrono::milliseconds(250), [&] {
            std::fprintf(stderr, "\rsockit dns: %zu done, %zu failed, %zu waiting ", done, failures,
                         pending.size());
            std::fflush(stderr);
        });
    }
    auto ran = dns_client::run_batch(**loop, settings.batch, source, sink);
    if (progress) (*loop)->cancel_timer(progress);
    if (tty) std::fprintf(stderr, "\rsockit dns: %zu done, %zu failed%*s\n", done, failures, 20, "");
    std::cout.flush();
    if (!ran) {
        print_error("dns", "event loop", ran.error().message());
        return exit_code::os_error;
    }
    if (reader.failed() || !std::cout) {
        print_error("dns", settings.file, "read or write error");
        return exit_code::io_error;
    }
    return status;
}

}  // namespace sockit::cli
