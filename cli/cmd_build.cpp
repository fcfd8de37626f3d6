// SPDX-License-Identifier: MIT
// `sockit build`: packets from a layer-stack spec, written as pcap, hex or JSON, or sent on an interface
// through a packet socket (packet(7)).
#include <fmt/format.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "app.hpp"
#include "build_spec.hpp"
#include "command.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/core/byte_order.hpp"
#include "sockit/core/byte_writer.hpp"
#include "sockit/sys/sys_error.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::cli {
namespace {

constexpr std::string_view command_name = "build";

/// The pcap LINKTYPE_ value written in the file header (LINKTYPE_RAW is 101, not DLT_RAW's 12).
std::uint32_t pcap_linktype(wire::link_type l) {
    return l == wire::link_type::raw ? 101U : static_cast<std::uint32_t>(l);
}

std::string_view link_name(const std::optional<wire::link_type>& l) {
    if (!l) return "none";
    switch (*l) {
        case wire::link_type::ethernet: return "ethernet";
        case wire::link_type::ppp: return "ppp";
        case wire::link_type::raw: return "raw";
        default: return "other";
    }
}

/// The classic pcap file format (magic a1b2c3d4, version 2.4, microsecond timestamps). Packet i is
/// stamped i microseconds after the epoch, so that the same spec always gives the same file.
byte_buffer pcap_file(const std::vector<built_packet>& packets, wire::link_type link) {
    byte_buffer out;
    auto le32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    auto le16 = [&](std::uint16_t v) {
        out.push_back(static_cast<std::uint8_t>(v));
        out.push_back(static_cast<std::uint8_t>(v >> 8));
    };
    le32(0xa1b2c3d4U);
    le16(2);
    le16(4);
    le32(0);        // thiszone
    le32(0);        // sigfigs
    le32(262144);   // snaplen
    le32(pcap_linktype(link));
    std::uint32_t usec = 0;
    for (const built_packet& p : packets) {
        le32(0);
        le32(usec++);
        le32(static_cast<std::uint32_t>(p.bytes.size()));
        le32(static_cast<std::uint32_t>(p.bytes.size()));
        out.insert(out.end(), p.bytes.begin(), p.bytes.end());
    }
    return out;
}

std::string hex_of(bytes_view b) {
    std::string s;
    s.reserve(b.size() * 2);
    for (std::uint8_t c : b) s += fmt::format("{:02x}", c);
    return s;
}

/// Writes all of data to path ("-" is stdout). Returns errno on failure, 0 on success.
int write_file(const std::string& path, const byte_buffer& data) {
    const bool to_stdout = path == "-";
    std::FILE* f = to_stdout ? stdout : std::fopen(path.c_str(), "wb");
    if (f == nullptr) return errno;
    const std::size_t n = std::fwrite(data.data(), 1, data.size(), f);
    int err = n == data.size() ? 0 : (errno != 0 ? errno : EIO);
    if (to_stdout) {
        if (std::fflush(f) != 0 && err == 0) err = errno;
    } else if (std::fclose(f) != 0 && err == 0) {
        err = errno;
    }
    return err;
}

/// Sends every packet once on interface iface through an AF_PACKET socket: SOCK_RAW for Ethernet frames,
/// SOCK_DGRAM (the kernel adds the link header) for bare IPv4/IPv6 packets. Needs CAP_NET_RAW.
int send_packets(const std::vector<built_packet>& packets, const std::string& iface) {
    const unsigned index = ::if_nametoindex(iface.c_str());
    if (index == 0) {
        print_error(command_name, fmt::format("interface '{}'", iface), sys_error(errno).message());
        return exit_code::usage;
    }
    for (std::size_t i = 0; i < packets.size(); ++i) {
        const built_packet& p = packets[i];
        if (p.link != wire::link_type::ethernet && p.link != wire::link_type::raw) {
            print_error(command_name, fmt::format("packet {}", i + 1),
                        "--send needs a packet that starts with eth, ipv4 or ipv6");
            return exit_code::usage;
        }
    }
    unique_fd raw_fd, dgram_fd;
    for (std::size_t i = 0; i < packets.size(); ++i) {
        const built_packet& p = packets[i];
        const bool ethernet = p.link == wire::link_type::ethernet;
        unique_fd& fd = ethernet ? raw_fd : dgram_fd;
        if (!fd) {
            const int s = ::socket(AF_PACKET, (ethernet ? SOCK_RAW : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
            if (s < 0) {
                const int e = errno;
                print_error(command_name, "packet socket",
                            e == EPERM || e == EACCES
                                ? fmt::format("{} (--send needs root or CAP_NET_RAW)", sys_error(e).message())
                                : sys_error(e).message());
                return exit_code::os_error;
            }
            fd = unique_fd(s);
        }
        sockaddr_ll to{};
        to.sll_family = AF_PACKET;
        to.sll_ifindex = static_cast<int>(index);
        to.sll_halen = 6;
        if (ethernet) {
            std::memcpy(to.sll_addr, p.bytes.data(), p.bytes.size() >= 6 ? 6 : p.bytes.size());
        } else {
            const bool v6 = !p.bytes.empty() && (p.bytes[0] >> 4) == 6;
            to.sll_protocol = hton16(v6 ? ETH_P_IPV6 : ETH_P_IP);
            std::memset(to.sll_addr, 0xff, 6);
        }
        const ssize_t n = ::sendto(fd.get(), p.bytes.data(), p.bytes.size(), 0, reinterpret_cast<const sockaddr*>(&to),
                                   sizeof to);
        if (n < 0) {
            print_error(command_name, fmt::format("sending packet {} on {}", i + 1, iface), sys_error(errno).message());
            return exit_code::os_error;
        }
    }
    return exit_code::ok;
}

int run_build(std::span<char*> args) {
    auto app = make_app(command_name,
                        "Build packets from a layer stack: lengths, next-protocol fields and checksums filled in.\n" +
                            std::string(spec_reference()),
                        "sockit build 'eth(dst=ff:ff:ff:ff:ff:ff)/ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=5)/udp/"
                        "dns(qname=example.org,qtype=AAAA)' -o q.pcap");
    std::string spec, output, iface;
    bool hex = false, json = false, send = false;
    app->add_option("spec", spec, "layer stack, e.g. 'ipv4(dst=127.0.0.1)/icmp(echo,id=1,seq=1)'; ';' between packets")
        ->required();
    app->add_option("-o,--output", output, "write a pcap file ('-' for stdout)");
    app->add_flag("-x,--hex", hex, "print each packet as one line of hex (the default without -o/--send)");
    app->add_flag("--json", json, "print a JSON array of {packet, link_type, length, layers, hex}");
    app->add_flag("--send", send, "send each packet once on the interface given with -i (root)");
    app->add_option("-i,--interface", iface, "interface for --send");
    if (auto done = parse(*app, args)) return *done;
    if (send && iface.empty()) {
        print_error(command_name, "--send", "needs an interface (-i IFACE)");
        return exit_code::usage;
    }
    if (output == "-" && (hex || json)) {
        print_error(command_name, "-o -", "the pcap file and the -x/--json text would both go to stdout");
        return exit_code::usage;
    }
    if (!send && !iface.empty()) {
        print_error(command_name, "-i " + iface, "an interface is only used with --send");
        return exit_code::usage;
    }

    auto packets = build_packets(spec);
    if (!packets) {
        const spec_error& e = packets.error();
        print_error(command_name, fmt::format("'{}' at offset {}", e.token, e.offset), e.why);
        return exit_code::usage;
    }

    if (!output.empty()) {
        const built_packet& first = packets->front();
        if (!first.link) {
            print_error(command_name, fmt::format("'{}' at offset {}", first.layers.front(), first.offset),
                        "a pcap packet starts with eth, ppp, ipv4 or ipv6 (use -x for other stacks)");
            return exit_code::usage;
        }
        for (std::size_t i = 1; i < packets->size(); ++i) {
            const built_packet& p = (*packets)[i];
            if (p.link != first.link) {
                print_error(command_name, fmt::format("'{}' at offset {}", p.layers.front(), p.offset),
                            fmt::format("packet {} has link type {} but packet 1 has {}: one pcap file has one link type",
                                        i + 1, link_name(p.link), link_name(first.link)));
                return exit_code::usage;
            }
        }
        if (const int err = write_file(output, pcap_file(*packets, *first.link)); err != 0) {
            print_error(command_name, output, sys_error(err).message());
            return exit_code::io_error;
        }
    }
    if (send) {
        if (const int rc = send_packets(*packets, iface); rc != exit_code::ok) return rc;
    }
    if (json) {
        nlohmann::ordered_json doc = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < packets->size(); ++i) {
            const built_packet& p = (*packets)[i];
            doc.push_back({{"packet", i + 1},
                           {"link_type", link_name(p.link)},
                           {"length", p.bytes.size()},
                           {"layers", p.layers},
                           {"hex", hex_of(p.bytes)}});
        }
        print_json(doc);
    } else if (hex || (output.empty() && !send)) {
        for (const built_packet& p : *packets) std::cout << hex_of(p.bytes) << '\n';
    }
    return exit_code::ok;
}

}  // namespace

SOCKIT_COMMAND("build", "build packets from a layer stack (pcap, hex, or send)", run_build);

}  // namespace sockit::cli
