// SPDX-License-Identifier: MIT
// `sockit decode FILE [FILTER]`: dissects a pcap or pcapng file (read through libpcap), tcpdump -nn style.
#include <pcap/pcap.h>
#include <stdio_ext.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "packet_flags.hpp"
#include "sockit/dissect/packet_printer.hpp"
#include "sockit/wire/link_type.hpp"

namespace sockit::cli {
namespace {

/// A capture file read by libpcap through a stdio stream with a large buffer: libpcap reads record by
/// record through stdio, and 1 MiB instead of the default 4 KiB saves a read(2) every few packets. The
/// buffer must be ours (glibc ignores setvbuf's size when it allocates the buffer itself) and outlive the
/// stream, which pcap_close() closes (stdin included).
class pcap_file {
public:
    pcap_file() = default;
    pcap_file(const pcap_file&) = delete;
    pcap_file& operator=(const pcap_file&) = delete;
    ~pcap_file() {
        if (handle_ != nullptr) {
            pcap_close(handle_);
        } else if (stream_ != nullptr && stream_ != stdin) {
            std::fclose(stream_);
        }
    }

    /// Opens path ("-": standard input). Returns exit_code::ok, or prints why and returns io_error.
    int open(const std::string& path) {
        stream_ = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
        if (stream_ == nullptr) {
            print_error("decode", path, std::strerror(errno));
            return exit_code::io_error;
        }
        std::setvbuf(stream_, buffer_.get(), _IOFBF, buffer_size);
        __fsetlocking(stream_, FSETLOCKING_BYCALLER);  // one thread reads it: skip stdio's per-call locking
        char errbuf[PCAP_ERRBUF_SIZE] = {};
        handle_ = pcap_fopen_offline_with_tstamp_precision(stream_, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
        if (handle_ == nullptr) {
            print_error("decode", path, errbuf);
            return exit_code::io_error;
        }
        return exit_code::ok;
    }
    [[nodiscard]] pcap_t* handle() const noexcept { return handle_; }

private:
    static constexpr std::size_t buffer_size = std::size_t{1} << 20;
    std::unique_ptr<char[]> buffer_ = std::make_unique_for_overwrite<char[]>(buffer_size);
    std::FILE* stream_ = nullptr;
    pcap_t* handle_ = nullptr;
};

}  // namespace

int run_decode(std::span<char*> args) {
    auto app = make_app(
        "decode",
        "Decode the packets of a pcap or pcapng file: one line per packet (like tcpdump -nn), a field "
        "tree with -v, JSON Lines with --json. Link types: Ethernet, raw IP, Linux cooked (SLL, SLL2), "
        "BSD loopback (NULL, LOOP), PPP. An optional BPF filter selects packets.",
        "sockit decode trace.pcap -c 10 'udp port 53'");
    std::string file;
    packet_flags flags;
    long long max_count = -1;
    app->add_option("file", file, "capture file (pcap or pcapng)")->required();
    add_packet_flags(*app, flags);
    app->add_option("-c,--count", max_count, "stop after N packets")->check(at_least(0LL));
    if (auto done = parse(*app, args)) return *done;

    pcap_file capture;
    if (int rc = capture.open(file); rc != exit_code::ok) return rc;
    pcap_t* handle = capture.handle();
    int dlt = pcap_datalink(handle);
    auto link = wire::link_type_from_dlt(dlt);
    if (!link) {
        const char* name = pcap_datalink_val_to_name(dlt);
        print_error("decode", file,
                    std::string("unsupported link type ") + (name ? name : std::to_string(dlt)));
        return exit_code::data_error;
    }
    if (int rc = apply_filter(handle, flags.filter_words, "decode"); rc != exit_code::ok) return rc;

    dissect::packet_printer out(flags.output_options());
    int status = exit_code::ok;
    // pcap_loop hands over many records per call (cheaper than pcap_next_ex); its count is of packets
    // that passed the filter, as -c means.
    struct loop_state {
        dissect::packet_printer* out;
        wire::link_type link;
    } state{&out, *link};
    auto on_packet = [](u_char* user, const pcap_pkthdr* hdr, const u_char* bytes) {
        auto* st = reinterpret_cast<loop_state*>(user);
        st->out->packet(hdr->ts, hdr->len, bytes_view(bytes, hdr->caplen), st->link);
    };
    int cnt = max_count < 0 ? -1 : max_count > 0x7fffffff ? 0x7fffffff : static_cast<int>(max_count);
    if (max_count != 0 &&
        pcap_loop(handle, cnt, on_packet, reinterpret_cast<u_char*>(&state)) == PCAP_ERROR) {
        out.finish();
        print_error("decode", file, pcap_geterr(handle));
        status = exit_code::io_error;
    }
    if (!out.finish() && status == exit_code::ok) {
        print_error("decode", "standard output", "write failed");
        status = exit_code::io_error;
    }
    return status;
}

}  // namespace sockit::cli
