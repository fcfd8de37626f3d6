// SPDX-License-Identifier: MIT
// Differential tests of the DNS codec against dnspython (the reference): dnspython decodes what sockit
// encodes, sockit decodes what dnspython encodes, every field and the presentation text compared.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sockit/dns/message.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/dns/presentation.hpp"
#include "sockit/dns/rcode.hpp"
#include "test_dns_support.hpp"

namespace sockit::dns {
namespace {

using test::from_hex;
using test::to_hex;

const std::string oracle = std::string(SOCKIT_TEST_DATA) + "/dns/dnspython_oracle.py";

bool have_dnspython() {
    const std::string cmd = std::string(SOCKIT_PYTHON) + " -c 'import dns.message' 2>/dev/null";
    return std::system(cmd.c_str()) == 0;
}

/// Runs the oracle with args; returns its stdout lines (empty on failure, which the callers assert on).
std::vector<std::string> run_oracle(const std::string& args) {
    const std::string cmd = std::string(SOCKIT_PYTHON) + " " + oracle + " " + args;
    std::vector<std::string> lines;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return lines;
    std::string line;
    char buf[65536];
    while (std::fgets(buf, sizeof buf, p) != nullptr) {
        line += buf;
        if (!line.empty() && line.back() == '\n') {
            line.pop_back();
            lines.push_back(line);
            line.clear();
        }
    }
    if (::pclose(p) != 0) lines.clear();
    return lines;
}

/// The same one-line summary the oracle's dump() prints, from sockit's side.
std::string dump(const message& m) {
    std::string s = "id=" + std::to_string(m.header.id) + " flags=" + std::to_string(m.header.flags_word());
    for (const question& q : m.questions)
        s += " | Q " + q.name.to_string() + " " + std::to_string(static_cast<unsigned>(q.klass)) + " " +
             std::to_string(static_cast<unsigned>(q.type));
    const std::pair<section, const char*> sections[] = {
        {section::answer, "AN"}, {section::authority, "NS"}, {section::additional, "AR"}};
    for (const auto& [sec, tag] : sections) {
        for (const resource_record& rr : m.records(sec)) {
            s += std::string(" | ") + tag + " " + rr.name.to_string() + " " + std::to_string(rr.ttl) + " " +
                 std::to_string(static_cast<unsigned>(rr.klass)) + " " +
                 std::to_string(static_cast<unsigned>(rr.type)) + " " + rdata_to_string(rr.data);
        }
    }
    if (m.opt) {
        std::string opts;
        for (const edns_option& o : m.opt->options) {
            if (!opts.empty()) opts += ",";
            opts += std::to_string(o.code) + ":" + to_hex(o.data);
        }
        const unsigned flags = (m.opt->dnssec_ok ? 0x8000U : 0U) | m.opt->z;
        s += " | EDNS payload=" + std::to_string(m.opt->udp_payload) +
             " ext=" + std::to_string(m.opt->extended_rcode) + " version=" + std::to_string(m.opt->version) +
             " flags=" + std::to_string(flags) + " opts=" + opts;
    }
    return s;
}

class DnsDnspython : public ::testing::Test {
protected:
    void SetUp() override {
        if (!have_dnspython()) GTEST_SKIP() << "python3-dnspython is not installed (scripts/install-deps)";
    }
};

TEST_F(DnsDnspython, DnspythonDecodesWhatSockitEncodes) {
    constexpr int count = 400;
    test::message_generator gen(20261123);
    std::vector<message> messages;
    char path[] = "/tmp/sockit-dns-XXXXXX";
    const int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ::close(fd);
    {
        std::ofstream out(path);
        for (int i = 0; i < count; ++i) {
            messages.push_back(gen.next());
            auto wire = messages.back().encode(/*compress=*/i % 4 != 0);
            ASSERT_TRUE(wire) << i << ": " << wire.error().message();
            out << to_hex(*wire) << '\n';
        }
    }
    const auto lines = run_oracle(std::string("decode ") + path);
    ::unlink(path);
    ASSERT_EQ(lines.size(), static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        EXPECT_EQ(lines[static_cast<std::size_t>(i)], dump(messages[static_cast<std::size_t>(i)]))
            << "message " << i;
}

TEST_F(DnsDnspython, SockitDecodesWhatDnspythonEncodes) {
    constexpr int count = 400;
    const auto lines = run_oracle("generate 7 " + std::to_string(count));
    ASSERT_EQ(lines.size(), static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto tab = lines[i].find('\t');
        ASSERT_NE(tab, std::string::npos);
        const byte_buffer wire = from_hex(std::string_view(lines[i]).substr(0, tab));
        const std::string want = lines[i].substr(tab + 1);
        ASSERT_TRUE(message_view::parse(wire)) << "message " << i;
        auto m = message::decode(wire);
        ASSERT_TRUE(m) << "message " << i << ": " << m.error().message();
        EXPECT_EQ(dump(*m), want) << "message " << i;
        // Round trip: encoding what we decoded and decoding again gives the same message.
        auto again = m->encode();
        ASSERT_TRUE(again);
        auto m2 = message::decode(*again);
        ASSERT_TRUE(m2);
        EXPECT_EQ(*m2, *m) << "message " << i;
    }
}

TEST_F(DnsDnspython, PresentationOfRecordsMatchesToText) {
    // dnspython's rrset to_text() is "name ttl class type rdata": sockit's plain style, for the types whose
    // RDATA both print the same way (everything but unknown types' hex layout).
    test::message_generator gen(99);
    char path[] = "/tmp/sockit-dns-XXXXXX";
    const int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ::close(fd);
    std::vector<std::string> want;
    {
        std::ofstream out(path);
        for (int i = 0; i < 200; ++i) {
            const message m = gen.next();
            for (const resource_record& rr : m.answers) {
                if (std::holds_alternative<rdata_unknown>(rr.data)) continue;
                out << to_hex(rr.name.wire()) << ' ' << rr.ttl << ' ' << static_cast<unsigned>(rr.klass)
                    << ' ' << static_cast<unsigned>(rr.type) << ' ';
                byte_buffer rd;
                byte_writer w(rd);
                ASSERT_TRUE(encode_rdata(rr.data, w, nullptr));
                out << to_hex(rd) << '\n';
                want.push_back(to_string(rr, text_style::plain));
            }
        }
    }
    const auto lines = run_oracle(std::string("totext ") + path);
    ::unlink(path);
    ASSERT_EQ(lines.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(lines[i], want[i]) << "record " << i;
}

TEST_F(DnsDnspython, MnemonicsAgree) {
    const auto lines = run_oracle("mnemonics");
    ASSERT_FALSE(lines.empty());
    std::map<std::string, std::map<unsigned, std::string>> theirs;
    for (const std::string& l : lines) {
        std::istringstream in(l);
        std::string kind, text;
        unsigned value = 0;
        in >> kind >> value >> text;
        theirs[kind][value] = text;
    }
    int compared = 0;
    for (unsigned v = 0; v < 65536; ++v) {
        const auto t = static_cast<rr_type>(v);
        if (auto mine = mnemonic(t)) {
            ASSERT_TRUE(theirs["type"].count(v)) << *mine;
            EXPECT_EQ(*mine, theirs["type"][v]) << v;
            ++compared;
        }
        const auto c = static_cast<rr_class>(v);
        if (auto mine = mnemonic(c)) {
            EXPECT_EQ(*mine, theirs["class"][v]) << v;
            ++compared;
        }
    }
    for (const auto& [v, text] : theirs["type"]) {
        // Every dnspython name either parses to the same number or is one this codec does not know.
        if (auto t = parse_rr_type(text)) {
            EXPECT_EQ(static_cast<unsigned>(*t), v) << text;
        }
    }
    for (unsigned v = 0; v < 4096; ++v) {
        const std::string mine = to_string(static_cast<rcode>(v));
        if (mine.rfind("RESERVED", 0) == 0) continue;
        EXPECT_EQ(mine, theirs["rcode"][v]) << v;
        ++compared;
    }
    EXPECT_GT(compared, 40);
}

}  // namespace
}  // namespace sockit::dns
