// SPDX-License-Identifier: MIT
// packet_flags: the output flags and the BPF filter that `sockit decode` and `sockit capture` share.
#include "packet_flags.hpp"

#include "exit_code.hpp"
#include "output.hpp"

namespace sockit::cli {

dissect::packet_printer_options packet_flags::output_options() const noexcept {
    using dissect::packet_format;
    dissect::packet_printer_options o;
    o.format = json ? packet_format::json : verbose > 0 ? packet_format::verbose : packet_format::line;
    o.checksums = verbose > 1;
    o.absolute_seq = absolute_seq;
    o.hex = hex;
    o.stats = stats;
    o.utc = utc;
    return o;
}

void add_packet_flags(CLI::App& app, packet_flags& flags) {
    app.add_option("filter", flags.filter_words,
                   "BPF filter expression (as for tcpdump), e.g. 'tcp port 80'");
    app.add_flag("-v,--verbose", flags.verbose,
                 "a line of fields per layer under each packet; twice (-vv): checksum verdicts on the line, "
                 "as tcpdump -vv");
    app.add_flag("-S,--absolute-tcp-sequence-numbers", flags.absolute_seq,
                 "TCP sequence and acknowledgement numbers as sent, not relative to the connection's first");
    app.add_flag("--json", flags.json,
                 "JSON Lines: one object per packet with a \"layers\" array (keys: see sockit-decode(1))");
    app.add_flag("-x,--hex", flags.hex, "hex dump of each frame (a \"hex\" key with --json)");
    app.add_flag("--stats", flags.stats, "packets and bytes per protocol at the end");
    app.add_flag("--utc", flags.utc, "print line timestamps in UTC rather than local time");
}

int apply_filter(pcap_t* handle, const std::vector<std::string>& filter_words, std::string_view command) {
    if (filter_words.empty()) return exit_code::ok;
    std::string expr;
    for (const auto& w : filter_words) expr += (expr.empty() ? "" : " ") + w;
    bpf_program prog{};
    if (pcap_compile(handle, &prog, expr.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
        print_error(command, "filter '" + expr + "'", pcap_geterr(handle));
        return exit_code::usage;
    }
    int rc = pcap_setfilter(handle, &prog);
    pcap_freecode(&prog);
    if (rc != 0) {
        print_error(command, "filter '" + expr + "'", pcap_geterr(handle));
        return exit_code::usage;
    }
    return exit_code::ok;
}

}  // namespace sockit::cli
