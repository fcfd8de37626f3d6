// SPDX-License-Identifier: MIT
// Tests of the one-line form where it follows tcpdump 4.99 -nn: TCP options (each kind, and an option
// list cut at every byte, read before a guard page), relative sequence numbers per connection and their
// bounded table, and checksum verdicts (nothing by default; -vv words; offloaded partial sums
// "unverified", not bad, in the line, the tree and JSON).
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdio>
#include <string>
#include <vector>

#include "guarded_buffer.hpp"
#include "sockit/dissect/packet_printer.hpp"
#include "sockit/wire/internet_checksum.hpp"
#include "sockit/wire/packet_builder.hpp"
#include "test_packets.hpp"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace sockit;
using namespace sockit::dissect;
using namespace sockit::wire;
using namespace sockit::test;

namespace {

// A printer writing to a temporary file; text() reads back everything printed so far.
class printed {
public:
    explicit printed(packet_printer_options o = {}) : file_(std::tmpfile()) {
        o.utc = true;
        printer_ = std::make_unique<packet_printer>(o, file_);
    }
    ~printed() { std::fclose(file_); }
    printed(const printed&) = delete;
    printed& operator=(const printed&) = delete;

    void add(bytes_view frame) {
        printer_->packet(timeval{0, 0}, static_cast<std::uint32_t>(frame.size()), frame, link_type::raw);
    }
    // The lines printed (after the timestamp), the tree lines included.
    std::vector<std::string> lines() {
        EXPECT_TRUE(printer_->finish());
        std::fseek(file_, 0, SEEK_SET);
        std::vector<std::string> out;
        char buf[8192];
        while (std::fgets(buf, sizeof buf, file_) != nullptr) {
            std::string l(buf);
            if (!l.empty() && l.back() == '\n') l.pop_back();
            out.push_back(l.starts_with("00:00:00.000000 ") ? l.substr(16) : l);
        }
        std::fseek(file_, 0, SEEK_END);
        return out;
    }
    std::string last() {
        auto l = lines();
        return l.empty() ? std::string{} : l.back();
    }

private:
    std::FILE* file_;
    std::unique_ptr<packet_printer> printer_;
};

tcp_builder segment(std::uint16_t flags, std::uint32_t seq, std::uint32_t ack, bool forward = true) {
    tcp_builder t{.sport = forward ? std::uint16_t{40000} : std::uint16_t{4444},
                  .dport = forward ? std::uint16_t{4444} : std::uint16_t{40000},
                  .seq = seq,
                  .ack = ack,
                  .flags = flags,
                  .window = 512};
    return t;
}

byte_buffer ip_tcp(tcp_builder t, bool forward = true, byte_buffer payload = {}) {
    std::vector<layer_builder> layers{
        ipv4_builder{.src = forward ? ip_a : ip_b, .dst = forward ? ip_b : ip_a}, t};
    if (!payload.empty()) layers.push_back(raw_builder{payload});
    return build(layers);
}

std::string line_of(tcp_builder t, packet_printer_options o = {}) {
    printed p(o);
    p.add(ip_tcp(t));
    return p.last();
}

TEST(DissectTcpdumpLine, OptionsAsTcpdumpNamesThem) {
    const std::string head = "IP 192.0.2.1.40000 > 198.51.100.7.4444: Flags [S], seq 1, win 512, options [";
    auto with = [&](byte_buffer options) {
        tcp_builder t = segment(tcp_flag::syn, 1, 0);
        t.raw_options = std::move(options);
        return line_of(t);
    };
    EXPECT_EQ(with({2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7}),
              head + "mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0");
    EXPECT_EQ(with({34, 2, 0, 0}), head + "tfo  cookiereq,eol], length 0");
    EXPECT_EQ(with({34, 6, 1, 2, 3, 4}), head + "tfo  cookie 01020304,nop,eol], length 0");
    EXPECT_EQ(with({28, 4, 0x80, 0x05}), head + "uto 0x8005 983160], length 0");
    EXPECT_EQ(with({254, 4, 0x12, 0x34}), head + "exp-1234], length 0");
    EXPECT_EQ(with({99, 4, 1, 2}), head + "unknown-99 0x0102], length 0");
    EXPECT_EQ(with({2, 3, 5, 0}), head + "mss 1280[len 3]], length 0");  // tcpdump reads 2 bytes anyway
    EXPECT_EQ(with({30, 12, 0x01, 0x81, 1, 2, 3, 4, 5, 6, 7, 8}),
              head + "mptcp 12 capable v1 csum {0x102030405060708}], length 0");
    // A bad length ends the segment's text (no length), as tcpdump does; "]" after a first option.
    EXPECT_EQ(with({2, 9, 1, 1}), head + "[bad opt]");
    EXPECT_EQ(with({1, 8, 10, 1}), head + "nop,[bad opt]]");
    // The length byte past the end of the capture: tcpdump's cut segment.
    EXPECT_EQ(with({1, 1, 1, 2}), head + "nop,nop,nop, [|tcp]");
}

// Every prefix of a rich option list, padded to the header's 4-byte size with EOL, in a frame whose
// last byte sits before a guard page: each line is complete and nothing reads past the frame.
TEST(DissectTcpdumpLine, OptionListCutAtEveryByte) {
    const byte_buffer full{2, 4,  5, 0xb4, 4, 2, 8, 10, 0, 0, 0,  1, 0,    0,    0,  0, 1, 3, 3, 7,
                           5, 10, 0, 0,    0, 1, 0, 0,  0, 2, 30, 4, 0x01, 0x81, 19, 6, 1, 2, 3, 4};
    ASSERT_EQ(full.size(), 40u);
    guarded_buffer guard;
    ASSERT_TRUE(guard.ok());
    printed p;
    for (std::size_t cut = 0; cut <= full.size(); ++cut) {
        tcp_builder t = segment(tcp_flag::syn | tcp_flag::ack, 100, 7);
        t.raw_options.assign(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(cut));
        while (t.raw_options.size() % 4 != 0) t.raw_options.push_back(0);
        p.add(guard.place(ip_tcp(t)));
    }
    const auto lines = p.lines();
    ASSERT_EQ(lines.size(), full.size() + 1);
    for (const std::string& l : lines) {
        EXPECT_TRUE(l.ends_with("length 0") || l.ends_with("[bad opt]") || l.ends_with("[bad opt]]") ||
                    l.ends_with("[|tcp]"))
            << l;
        if (l.find("options [") == std::string::npos) {
            EXPECT_EQ(l.find("options"), std::string::npos);
        }
    }
    // The SYN-ACK records the connection: SACK edges count from its ack - 1 (tcpdump's relative SACK);
    // MD5 needs 16 bytes where 4 are left.
    EXPECT_TRUE(
        lines.back().ends_with("options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7,sack 1 "
                               "{4294967291:4294967292},mptcp 4 capable v1 csum,md5[bad opt]]"))
        << lines.back();
}

TEST(DissectTcpdumpLine, RelativeNumbersAfterTheHandshake) {
    const byte_buffer frames[] = {
        ip_tcp(segment(tcp_flag::syn, 1000, 0)),
        ip_tcp(segment(tcp_flag::syn | tcp_flag::ack, 5000, 1001, false), false),
        ip_tcp(segment(tcp_flag::ack, 1001, 5001)),
        ip_tcp(segment(tcp_flag::psh | tcp_flag::ack, 1001, 5001), true, byte_buffer(10, 'x')),
        ip_tcp(segment(tcp_flag::ack, 5001, 1011, false), false),
        ip_tcp(segment(tcp_flag::fin | tcp_flag::ack, 1011, 5001)),
    };
    const std::vector<std::string> relative{
        ": Flags [S], seq 1000, win 512, length 0", ": Flags [S.], seq 5000, ack 1001, win 512, length 0",
        ": Flags [.], ack 1, win 512, length 0",    ": Flags [P.], seq 1:11, ack 1, win 512, length 10",
        ": Flags [.], ack 11, win 512, length 0",   ": Flags [F.], seq 11, ack 1, win 512, length 0",
    };
    const std::vector<std::string> absolute{
        ": Flags [S], seq 1000, win 512, length 0",
        ": Flags [S.], seq 5000, ack 1001, win 512, length 0",
        ": Flags [.], ack 5001, win 512, length 0",
        ": Flags [P.], seq 1001:1011, ack 5001, win 512, length 10",
        ": Flags [.], ack 1011, win 512, length 0",
        ": Flags [F.], seq 1011, ack 5001, win 512, length 0",
    };
    for (bool abs : {false, true}) {
        packet_printer_options o;
        o.absolute_seq = abs;
        printed p(o);
        for (const auto& f : frames) p.add(f);
        const auto lines = p.lines();
        ASSERT_EQ(lines.size(), 6u);
        for (std::size_t i = 0; i < lines.size(); ++i)
            EXPECT_TRUE(lines[i].ends_with((abs ? absolute : relative)[i])) << lines[i];
    }
}

long max_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// A capture of many connections cannot grow the table: three times its capacity of connections leave
// memory flat, the oldest connection is forgotten (its next segment shows absolute numbers again) and a
// recent one is still known.
TEST(DissectTcpdumpLine, ConnectionTableIsBounded) {
    printed p;
    byte_buffer frame = ip_tcp(segment(tcp_flag::ack, 1000, 2000));
    p.add(frame);  // the first connection: recorded
    const long before = max_rss_kib();
    constexpr std::uint32_t connections = 3 * 65536;
    for (std::uint32_t i = 1; i <= connections; ++i) {
        frame[12] = static_cast<std::uint8_t>(10 + (i >> 16));  // source address and port make it new
        frame[20] = static_cast<std::uint8_t>(i >> 8);
        frame[21] = static_cast<std::uint8_t>(i);
        p.add(frame);
    }
    EXPECT_LT(max_rss_kib() - before, 16 * 1024) << "KiB grown";
    p.add(frame);  // the last connection again: relative
    EXPECT_TRUE(p.last().ends_with("Flags [.], ack 1, win 512, length 0")) << p.last();
    byte_buffer first = ip_tcp(segment(tcp_flag::ack, 1010, 2000));
    p.add(first);  // forgotten: starts over, absolute
    EXPECT_TRUE(p.last().ends_with("Flags [.], ack 2000, win 512, length 0")) << p.last();
}

// A TCP segment whose checksum field holds what offload leaves there: the folded pseudo-header sum.
byte_buffer offloaded_segment(bool complement) {
    tcp_builder t = segment(tcp_flag::syn, 1, 0);
    internet_checksum c;
    c.add_pseudo_header_v4(ip_a, ip_b, 6, 20);
    t.checksum = complement ? static_cast<std::uint16_t>(~c.folded_sum()) : c.folded_sum();
    return ip_tcp(t);
}

TEST(DissectTcpdumpLine, ChecksumVerdicts) {
    packet_printer_options vv;
    vv.checksums = true;
    const std::string head = "IP 192.0.2.1.40000 > 198.51.100.7.4444: Flags [S], cksum 0x";
    for (bool complement : {false, true}) {
        printed quiet;
        quiet.add(offloaded_segment(complement));
        EXPECT_EQ(quiet.last(),
                  "IP 192.0.2.1.40000 > 198.51.100.7.4444: Flags [S], seq 1, win 512, length 0");
        printed loud(vv);
        loud.add(offloaded_segment(complement));
        EXPECT_TRUE(loud.last().ends_with(" (unverified), seq 1, win 512, length 0")) << loud.last();
        packet_printer_options json;
        json.format = packet_format::json;
        printed j(json);
        j.add(offloaded_segment(complement));
        EXPECT_NE(j.last().find("\"checksum_status\":\"unverified\"}"), std::string::npos) << j.last();
        EXPECT_EQ(j.last().find("issue"), std::string::npos) << j.last();
    }
    tcp_builder bad = segment(tcp_flag::syn, 1, 0);
    bad.checksum = 0x1234;
    printed loud(vv);
    loud.add(ip_tcp(bad));
    loud.add(ip_tcp(segment(tcp_flag::syn, 1, 0)));
    const auto lines = loud.lines();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_TRUE(lines[0].starts_with(head + "1234 (incorrect -> 0x")) << lines[0];
    EXPECT_TRUE(lines[1].starts_with(head) && lines[1].find(" (correct), seq 1,") != std::string::npos)
        << lines[1];
    packet_printer_options tree;
    tree.format = packet_format::verbose;
    printed t(tree);
    t.add(ip_tcp(bad));
    EXPECT_NE(t.last().find(" checksum_status=bad issue=bad_checksum"), std::string::npos) << t.last();
}

}  // namespace
