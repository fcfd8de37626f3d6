// SPDX-License-Identifier: MIT
// `sockit capture`: live capture through libpcap, printed as `sockit decode` prints, or written to a pcap
// file.
#include <pcap/pcap.h>

#include <array>
#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "packet_flags.hpp"
#include "sockit/dissect/packet_printer.hpp"
#include "sockit/event/poller.hpp"
#include "sockit/sys/signal_fd.hpp"
#include "sockit/wire/link_type.hpp"

namespace sockit::cli {

int run_capture(std::span<char*> args) {
    auto app = make_app(
        "capture",
        "Capture packets live on an interface (root or CAP_NET_RAW) and print them as `sockit decode` "
        "does, or write them to a pcap file with -w. Stops after -c packets, --timeout seconds, or on "
        "SIGINT/SIGTERM.",
        "sockit capture -i lo -c 5 'icmp or icmp6'");
    std::string iface = "any";
    std::string write_file;
    packet_flags flags;
    long long max_count = -1;
    double timeout = 0;
    int snaplen = 262144;
    app->add_option("-i,--interface", iface, "interface to capture on (default: any)");
    add_packet_flags(*app, flags);
    app->add_option("-w,--write", write_file, "write the packets to this pcap file instead of printing them");
    app->add_option("-c,--count", max_count, "stop after N packets")->check(at_least(0LL));
    app->add_option("--timeout", timeout, "stop after this many seconds (0: no limit)")->check(at_least(0.0));
    app->add_option("-s,--snaplen", snaplen, "bytes kept per packet")->check(within(64, 262144));
    if (auto done = parse(*app, args)) return *done;

    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_create(iface.c_str(), errbuf);
    if (handle == nullptr) {
        print_error("capture", iface, errbuf);
        return exit_code::os_error;
    }
    struct closer {
        pcap_t* h;
        ~closer() { pcap_close(h); }
    } close_handle{handle};
    pcap_set_snaplen(handle, snaplen);
    pcap_set_timeout(handle, 100);  // wake up 10 times a second to check the deadline and signals
    pcap_set_immediate_mode(handle, 1);
    int rc = pcap_activate(handle);
    if (rc < 0) {
        std::string why = pcap_geterr(handle);
        if (rc == PCAP_ERROR_PERM_DENIED) {
            print_error("capture", iface,
                        "permission denied: live capture needs root or CAP_NET_RAW (" + why + ")");
            return exit_code::os_error;
        }
        if (rc == PCAP_ERROR_NO_SUCH_DEVICE) {
            print_error("capture", iface, "no such interface");
            return exit_code::usage;
        }
        print_error("capture", iface, why);
        return exit_code::os_error;
    }
    int dlt = pcap_datalink(handle);
    auto link = wire::link_type_from_dlt(dlt);
    if (!link && write_file.empty()) {
        const char* name = pcap_datalink_val_to_name(dlt);
        print_error("capture", iface,
                    std::string("unsupported link type ") + (name ? name : std::to_string(dlt)));
        return exit_code::data_error;
    }
    if (int rc_filter = apply_filter(handle, flags.filter_words, "capture"); rc_filter != exit_code::ok)
        return rc_filter;
    pcap_dumper_t* dumper = nullptr;
    if (!write_file.empty()) {
        dumper = pcap_dump_open(handle, write_file.c_str());
        if (dumper == nullptr) {
            print_error("capture", write_file, pcap_geterr(handle));
            return exit_code::io_error;
        }
    }

    // SIGINT and SIGTERM end the capture through a descriptor, so that no handler and no global flag are
    // needed; the poller waits on it and on libpcap's descriptor.
    auto signals = signal_fd::open({SIGINT, SIGTERM});
    auto waiter = poller::create(poller_backend::poll);
    if (!signals || !waiter) {
        print_error("capture", "signals", (!signals ? signals.error() : waiter.error()).message());
        return exit_code::os_error;
    }
    dissect::packet_printer out(flags.output_options());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
    // Non-blocking reads and a short wait: libpcap's own read timeout does not apply in immediate mode,
    // and a quiet interface must still honour --timeout and signals.
    if (pcap_setnonblock(handle, 1, errbuf) != 0) {
        print_error("capture", iface, errbuf);
        return exit_code::os_error;
    }
    if (auto added = (*waiter)->add(pcap_get_selectable_fd(handle), io_mask::readable); !added) {
        print_error("capture", iface, added.error().message());
        return exit_code::os_error;
    }
    if (auto added = (*waiter)->add(signals->fd(), io_mask::readable); !added) {
        print_error("capture", "signals", added.error().message());
        return exit_code::os_error;
    }
    struct loop_state {
        dissect::packet_printer* out;
        pcap_dumper_t* dumper;
        wire::link_type link;
        long long seen;
    } state{&out, dumper, link.value_or(wire::link_type::raw), 0};
    auto on_packet = [](u_char* user, const pcap_pkthdr* hdr, const u_char* bytes) {
        auto* st = reinterpret_cast<loop_state*>(user);
        ++st->seen;
        if (st->dumper != nullptr) {
            pcap_dump(reinterpret_cast<u_char*>(st->dumper), hdr, bytes);
        } else {
            st->out->packet(hdr->ts, hdr->len, bytes_view(bytes, hdr->caplen), st->link);
        }
    };
    int status = exit_code::ok;
    std::array<poller_event, 2> ready{};
    while (max_count < 0 || state.seen < max_count) {
        if (auto sig = signals->read(); !sig || *sig) break;  // a signal arrived (or cannot be read): stop
        if (timeout > 0 && std::chrono::steady_clock::now() >= deadline) break;
        long long left = max_count < 0 ? -1 : max_count - state.seen;
        int n = pcap_dispatch(handle, left > 0x7fffffff ? 0x7fffffff : static_cast<int>(left), on_packet,
                              reinterpret_cast<u_char*>(&state));
        if (n == PCAP_ERROR) {
            print_error("capture", iface, pcap_geterr(handle));
            status = exit_code::io_error;
            break;
        }
        if (n == 0)
            (void)(*waiter)->wait(ready, std::chrono::milliseconds(100));  // a packet, a signal or 100 ms
    }
    long long seen = state.seen;
    if (dumper != nullptr) {
        if (pcap_dump_flush(dumper) != 0 && status == exit_code::ok) {
            print_error("capture", write_file, "write failed");
            status = exit_code::io_error;
        }
        pcap_dump_close(dumper);
        std::fflush(stdout);
        std::fprintf(stderr, "%lld packets captured\n", seen);
    }
    if (!out.finish() && status == exit_code::ok) {
        print_error("capture", "standard output", "write failed");
        status = exit_code::io_error;
    }
    return status;
}

}  // namespace sockit::cli
