// SPDX-License-Identifier: MIT
// `sockit sizes`: the size and alignment of each socket structure (the seeds' exercise).
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <iostream>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"

namespace sockit::cli {
namespace {

struct struct_size {
    const char* name;
    std::size_t size;
    std::size_t align;
    const char* header;
};

template <class T>
constexpr struct_size size_of(const char* name, const char* header) {
    return {name, sizeof(T), alignof(T), header};
}

constexpr struct_size socket_structs[] = {
    size_of<sockaddr>("sockaddr", "sys/socket.h"),
    size_of<sockaddr_in>("sockaddr_in", "netinet/in.h"),
    size_of<sockaddr_in6>("sockaddr_in6", "netinet/in.h"),
    size_of<sockaddr_un>("sockaddr_un", "sys/un.h"),
    size_of<sockaddr_ll>("sockaddr_ll", "netpacket/packet.h"),
    size_of<sockaddr_storage>("sockaddr_storage", "sys/socket.h"),
    size_of<in_addr>("in_addr", "netinet/in.h"),
    size_of<in6_addr>("in6_addr", "netinet/in.h"),
    size_of<addrinfo>("addrinfo", "netdb.h"),
};

}  // namespace

int run_sizes(std::span<char*> args) {
    auto app = make_app("sizes", "Print the size and alignment of each socket structure, in bytes.",
                        "sockit sizes --json");
    bool json = false;
    app->add_flag("--json", json, "one JSON array of {name, size, align, header}");
    if (auto done = parse(*app, args)) return *done;

    if (json) {
        nlohmann::ordered_json doc = nlohmann::ordered_json::array();
        for (const auto& s : socket_structs)
            doc.push_back({{"name", s.name}, {"size", s.size}, {"align", s.align}, {"header", s.header}});
        print_json(doc);
        return exit_code::ok;
    }
    text_table table({"struct", "size", "align", "header"});
    for (const auto& s : socket_structs)
        table.add_row(
            {s.name, std::to_string(s.size), std::to_string(s.align), fmt::format("<{}>", s.header)});
    std::cout << table.render();
    return exit_code::ok;
}

}  // namespace sockit::cli
