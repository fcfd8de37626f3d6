// SPDX-License-Identifier: MIT
// `sockit build`: packets from a layer-stack spec, written as pcap, hex or JSON, or sent on an interface
// through a packet socket (packet(7)).
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <optional>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/packet_spec/built_packet.hpp"
#include "sockit/sock/packet_socket.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::cli {
namespace {

using packet_spec::build_packets;
using packet_spec::built_packet;
using packet_spec::spec_error;
using packet_spec::spec_reference;

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
    le32(0);       // thiszone
    le32(0);       // sigfigs
    le32(262144);  // snaplen
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

/// Sends every packet once on interface iface through packet sockets: whole frames for Ethernet, network
/// packets (the kernel adds the link header) for bare IPv4/IPv6. Needs CAP_NET_RAW.
int send_packets(const std::vector<built_packet>& packets, const std::string& iface) {
    const auto index = packet_socket::interface_index(iface);
    if (!index) {
        print_error(command_name, fmt::format("interface '{}'", iface), index.error().message());
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
    std::optional<packet_socket> link_socket, network_socket;  // opened when first needed
    for (std::size_t i = 0; i < packets.size(); ++i) {
        const built_packet& p = packets[i];
        const bool ethernet = p.link == wire::link_type::ethernet;
        std::optional<packet_socket>& socket = ethernet ? link_socket : network_socket;
        if (!socket) {
            auto opened =
                packet_socket::open(*index, ethernet ? packet_framing::link : packet_framing::network);
            if (!opened) {
                const std::error_code e = opened.error();
                print_error(command_name, "packet socket",
                            e == std::errc::operation_not_permitted || e == std::errc::permission_denied
                                ? fmt::format("{} (--send needs root or CAP_NET_RAW)", e.message())
                                : e.message());
                return exit_code::os_error;
            }
            socket = std::move(*opened);
        }
        if (auto sent = socket->send(p.bytes); !sent) {
            print_error(command_name, fmt::format("sending packet {} on {}", i + 1, iface),
                        sent.error().message());
            return exit_code::os_error;
        }
    }
    return exit_code::ok;
}

}  // namespace

int run_build(std::span<char*> args) {
    auto app = make_app(
        command_name,
        "Build packets from a layer stack: lengths, next-protocol fields and checksums filled in.\n" +
            std::string(spec_reference()),
        "sockit build 'eth(dst=ff:ff:ff:ff:ff:ff)/ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=5)/udp/"
        "dns(qname=example.org,qtype=AAAA)' -o q.pcap");
    std::string spec, output, iface;
    bool hex = false, json = false, send = false;
    app->add_option("spec", spec,
                    "layer stack, e.g. 'ipv4(dst=127.0.0.1)/icmp(echo,id=1,seq=1)'; ';' between packets")
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
                print_error(
                    command_name, fmt::format("'{}' at offset {}", p.layers.front(), p.offset),
                    fmt::format(
                        "packet {} has link type {} but packet 1 has {}: one pcap file has one link type",
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

}  // namespace sockit::cli
