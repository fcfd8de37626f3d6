// SPDX-License-Identifier: MIT
// Unit tests for inetd's service table and listeners (RFC 862-868, 1288): names, UDP policies, errors, sides.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sockit/inetd/service_request.hpp"
#include "sockit/inetd/service_table.hpp"

namespace sockit::inetd {
namespace {

TEST(ServiceTable, NamesInAllOrderAndEachBuilds) {
    EXPECT_EQ(service_names(), (std::vector<std::string_view>{"echo", "discard", "chargen", "qotd", "daytime",
                                                              "time", "finger"}));
    for (auto name : service_names()) {
        auto e = make_service(name, {});
        ASSERT_TRUE(e) << name << ": " << e.error();
        EXPECT_EQ(e->svc->name(), name);
    }
    auto bad = make_service("gopher", {});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(),
              "unknown service 'gopher' (known: echo, discard, chargen, qotd, daytime, time, finger)");
    service_settings s;
    s.qotd_file = "/nonexistent/quotes";
    auto q = make_service("qotd", s);
    ASSERT_FALSE(q);
    EXPECT_EQ(q.error(), "/nonexistent/quotes: cannot open");
}

TEST(ServiceTable, DatagramPolicies) {
    service_settings s;
    s.udp_rate = 0.25;
    const auto echo = datagram_policy_for("echo", s);
    EXPECT_EQ(echo.max_reply, 65507u);
    EXPECT_TRUE(echo.refuse_privileged_ports);
    EXPECT_EQ(echo.rate_per_source, 0.25);
    EXPECT_EQ(echo.burst_per_source, 1.0);  // at least one reply
    EXPECT_FALSE(datagram_policy_for("discard", s).refuse_privileged_ports);
    s.udp_rate = 20;
    const auto chargen = datagram_policy_for("chargen", s);
    EXPECT_EQ(chargen.max_reply, 512u);
    EXPECT_EQ(chargen.burst_per_source, 40.0);
}

TEST(ServiceRequest, ListenersPerSideAndPort) {
    EXPECT_EQ(default_port(7, true), 7);
    EXPECT_EQ(default_port(7, false), 10007);
    const std::vector<service_request> wanted = {
        {"echo", {}, {}, {}},
        {"finger", {}, {}, std::uint16_t{0}},
        {"daytime", serve::transport::udp, {}, {}},
    };
    auto got = make_listeners(wanted, {}, {ip_address::parse("127.0.0.1").value(), false});
    ASSERT_TRUE(got) << got.error();
    ASSERT_EQ(got->size(), 4u);  // echo tcp+udp, finger tcp only, daytime udp
    const auto& l = *got;
    EXPECT_EQ(l[0].service, "echo");
    EXPECT_EQ(l[0].proto, serve::transport::tcp);
    EXPECT_TRUE(l[0].make_stream);
    EXPECT_EQ(l[0].address->to_string(), "127.0.0.1:10007");
    EXPECT_EQ(l[1].proto, serve::transport::udp);
    EXPECT_TRUE(l[1].make_datagram);
    EXPECT_EQ(l[2].service, "finger");
    EXPECT_EQ(l[2].port, 0);
    EXPECT_EQ(l[3].service, "daytime");
    EXPECT_EQ(l[3].proto, serve::transport::udp);
    EXPECT_EQ(l[3].port, 10013);

    const std::vector<service_request> finger_udp = {{"finger", serve::transport::udp, {}, {}}};
    auto bad = make_listeners(finger_udp, {}, {});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), "finger has no UDP side");
}

}  // namespace
}  // namespace sockit::inetd
