// SPDX-License-Identifier: MIT
// Unit tests for the resolver and gai_errc: messages equal gai_strerror, EAI_SYSTEM becomes errno, lookups
// differential against Python's socket.getaddrinfo/getnameinfo (same glibc, independent caller). Only
// numeric hosts and /etc/hosts names are used: no DNS query leaves the machine.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sockit/sock/resolver.hpp"

namespace sockit {
namespace {

/// Runs a Python snippet with Debian's python3 and returns its stdout.
std::string python(const std::string& code) {
    std::string cmd = std::string(SOCKIT_PYTHON) + " -c '" + code + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(cmd.c_str(), "r"), ::pclose);
    if (!p) return {};
    std::string out;
    std::array<char, 512> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), p.get()) != nullptr) out += buf.data();
    return out;
}

TEST(GaiErrc, MessagesAreGaiStrerror) {
    const int codes[] = {EAI_AGAIN,   EAI_BADFLAGS, EAI_FAIL,     EAI_FAMILY, EAI_MEMORY,    EAI_NONAME,
                         EAI_SERVICE, EAI_SOCKTYPE, EAI_OVERFLOW, EAI_NODATA, EAI_ADDRFAMILY};
    for (int code : codes) {
        auto ec = gai_error(code, 0);
        EXPECT_EQ(ec.category(), gai_category());
        EXPECT_EQ(ec.message(), ::gai_strerror(code)) << code;
    }
    EXPECT_STREQ(gai_category().name(), "sockit.gai");
    EXPECT_EQ(std::error_code(gai_errc::no_name), gai_error(EAI_NONAME, 0));  // the enum converts
}

TEST(GaiErrc, SystemErrorBecomesErrno) {
    EXPECT_FALSE(gai_error(0, ENOMEM));                                        // success
    EXPECT_EQ(gai_error(EAI_SYSTEM, EMFILE), std::errc::too_many_files_open);  // EAI_SYSTEM → errno
    EXPECT_EQ(gai_error(EAI_SYSTEM, 0), std::errc::io_error);                  // errno lost: still an error
}

TEST(GaiErrc, UnknownNameClassification) {
    struct row {
        std::error_code ec;
        bool unknown;
    };
    const row rows[] = {
        {gai_errc::no_name, true},                            // EAI_NONAME
        {gai_errc::no_data, true},                            // EAI_NODATA
        {gai_errc::address_family, true},                     // EAI_ADDRFAMILY
        {gai_errc::again, false},                             // temporary failure is not "unknown"
        {gai_errc::service, false},                           // unknown service, not host
        {std::make_error_code(std::errc::timed_out), false},  // another category
    };
    for (const auto& r : rows) EXPECT_EQ(is_unknown_name(r.ec), r.unknown) << r.ec.message();
}

TEST(Resolver, NumericHosts) {
    struct row {
        const char* host;
        const char* service;
        int family;
        const char* want;  // nullptr: an unknown-name error
    };
    const row rows[] = {
        {"127.0.0.1", "80", AF_UNSPEC, "127.0.0.1:80"},     // IPv4 literal
        {"::1", "443", AF_UNSPEC, "[::1]:443"},             // IPv6 literal
        {"fe80::1%lo", "22", AF_INET6, "[fe80::1%lo]:22"},  // zone to scope id and back
        {"127.0.0.1", "http", AF_INET, "127.0.0.1:80"},     // service by name
        {"127.0.0.1", "80", AF_INET6, nullptr},             // IPv4 literal, IPv6 asked
        {"not an address", "80", AF_UNSPEC, nullptr},       // not numeric (AI_NUMERICHOST: no DNS)
    };
    for (const auto& r : rows) {
        resolve_hints hints;
        hints.family = r.family;
        hints.flags = AI_NUMERICHOST;
        auto got = resolver::resolve(r.host, r.service, hints);
        if (r.want == nullptr) {
            ASSERT_FALSE(got) << r.host;
            EXPECT_TRUE(is_unknown_name(got.error())) << r.host << ": " << got.error().message();
            continue;
        }
        ASSERT_TRUE(got) << r.host << ": " << got.error().message();
        ASSERT_EQ(got->addresses.size(), 1U) << r.host;
        EXPECT_EQ(got->addresses[0].address.to_string(), r.want);
        EXPECT_EQ(got->addresses[0].socktype, SOCK_STREAM);
    }
}

TEST(Resolver, BadArguments) {
    EXPECT_EQ(resolver::resolve("", "").error(), std::errc::invalid_argument);  // nothing to look up
    EXPECT_EQ(resolver::resolve(std::string("a\0b", 3), "80").error(), std::errc::invalid_argument);
    EXPECT_EQ(resolver::resolve("127.0.0.1", "65536").error(),
              std::errc::result_out_of_range);  // not truncated
    EXPECT_EQ(resolver::resolve("127.0.0.1", "99999").error(), std::errc::result_out_of_range);
    EXPECT_EQ(resolver::resolve("127.0.0.1", "000000080").error(),
              std::errc::result_out_of_range);                                                  // too long
    EXPECT_EQ(resolver::resolve("127.0.0.1", "65535")->addresses.at(0).address.port(), 65535);  // the top
    EXPECT_EQ(resolver::service_port("70000").error(), std::errc::result_out_of_range);
    resolve_hints hints;
    hints.flags = AI_NUMERICHOST;
    auto svc = resolver::resolve("127.0.0.1", "no-such-service-xyz", hints);
    ASSERT_FALSE(svc);
    EXPECT_EQ(svc.error().category(), gai_category());
    EXPECT_FALSE(is_unknown_name(svc.error()));
    hints.socktype = 12345;
    auto st = resolver::resolve("127.0.0.1", "80", hints);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error(), gai_errc::socktype);
}

TEST(Resolver, AgreesWithPythonGetaddrinfo) {
    // Every socket type (socktype 0): each address once per type, in getaddrinfo's order.
    for (const char* host : {"localhost", "127.0.0.1", "::1"}) {
        SCOPED_TRACE(host);
        resolve_hints hints;
        hints.socktype = 0;
        auto got = resolver::resolve(host, "80", hints);
        ASSERT_TRUE(got) << got.error().message();
        std::ostringstream mine;
        for (const auto& a : got->addresses)
            mine << a.address.address().to_string() << ' ' << a.address.port() << ' ' << a.socktype << ' '
                 << a.protocol << '\n';
        std::string theirs = python(
            "import socket\n"
            "for f, t, p, c, sa in socket.getaddrinfo(\"" +
            std::string(host) +
            "\", \"80\"):\n"
            "    print(sa[0], sa[1], int(t), p)\n");
        ASSERT_FALSE(theirs.empty());
        EXPECT_EQ(mine.str(), theirs);
        EXPECT_EQ(got->addresses.size(), 3U);  // stream, datagram, raw
    }
}

TEST(Resolver, CanonicalName) {
    resolve_hints hints;
    hints.flags = AI_CANONNAME;
    auto got = resolver::resolve("localhost", "", hints);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->canonical_name, "localhost");
    EXPECT_EQ(got->addresses.at(0).address.port(), 0);
}

TEST(Resolver, ReverseAndServiceNamesAgreeWithPython) {
    auto lo = *endpoint::parse("127.0.0.1:22");
    auto name = resolver::host_name(lo);
    ASSERT_TRUE(name) << name.error().message();
    std::string theirs =
        python("import socket; print(socket.getnameinfo((\"127.0.0.1\", 22), socket.NI_NAMEREQD)[0])");
    EXPECT_EQ(*name + "\n", theirs);
    auto both = resolver::name_of(lo, NI_NUMERICHOST);
    ASSERT_TRUE(both);
    EXPECT_EQ(both->host, "127.0.0.1");
    EXPECT_EQ(both->service, "ssh");
    EXPECT_EQ(resolver::host_name(*endpoint::unix_path("/x")).error(),
              std::errc::address_family_not_supported);

    struct row {
        std::uint16_t port;
        int socktype;
    };
    const row rows[] = {
        {80, SOCK_STREAM}, {22, SOCK_STREAM}, {53, SOCK_DGRAM}, {123, SOCK_DGRAM}, {443, SOCK_STREAM}};
    for (const auto& r : rows) {
        const char* proto = r.socktype == SOCK_DGRAM ? "udp" : "tcp";
        std::string want = python("import socket; print(socket.getservbyport(" + std::to_string(r.port) +
                                  ", \"" + proto + "\"))");
        auto got = resolver::service_name(r.port, r.socktype);
        ASSERT_TRUE(got) << r.port;
        EXPECT_EQ(*got + "\n", want);
        auto back = resolver::service_port(*got, r.socktype);
        ASSERT_TRUE(back) << *got;
        EXPECT_EQ(*back, r.port);
    }
    auto unnamed = resolver::service_name(65000);  // no service has this port
    ASSERT_FALSE(unnamed);
    EXPECT_EQ(unnamed.error(), gai_errc::service);
    EXPECT_EQ(*resolver::service_port("8080"), 8080);  // numbers pass through
    auto unknown = resolver::service_port("no-such-service-xyz");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().category(), gai_category());
}

}  // namespace
}  // namespace sockit
