// SPDX-License-Identifier: MIT
// packet_flags: what `sockit decode` and `sockit capture` share: the output flags (-v/-vv, -S, --json, -x,
// --stats, --utc) and the BPF filter expression compiled into a libpcap handle.
#pragma once

#include <pcap/pcap.h>

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/dissect/packet_printer.hpp"

namespace sockit::cli {

/// The shared flags, as parsed.
struct packet_flags {
    std::vector<std::string> filter_words;  ///< the BPF expression, as given (joined by spaces)
    int verbose = 0;                        ///< -v: the field tree; -vv: also checksum verdicts on the line
    bool absolute_seq = false;              ///< -S: TCP numbers as sent
    bool json = false;
    bool hex = false;
    bool stats = false;
    bool utc = false;

    /// The printer options these flags ask for.
    [[nodiscard]] dissect::packet_printer_options output_options() const noexcept;
};

/// Adds the positional `filter` and the output flags to app, storing into flags (which must outlive app).
void add_packet_flags(CLI::App& app, packet_flags& flags);

/// Compiles the filter (when there is one) and installs it on handle. Returns exit_code::ok, or prints
/// `sockit COMMAND: filter '...': why` and returns exit_code::usage.
int apply_filter(pcap_t* handle, const std::vector<std::string>& filter_words, std::string_view command);

}  // namespace sockit::cli
