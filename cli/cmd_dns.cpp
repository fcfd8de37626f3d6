// SPDX-License-Identifier: MIT
// `sockit dns`: dig for people and scripts — queries with dig's arguments, random IDs and source ports,
// strict response matching, TCP fallback on truncation, JSON, and a concurrent --batch mode
// (RFC 1035, RFC 5452, RFC 6891, RFC 7766).
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "dns_batch.hpp"
#include "dns_output.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/dns_client/batch_resolver.hpp"
#include "sockit/dns_client/dig_args.hpp"
#include "sockit/dns_client/resolv_conf.hpp"
#include "sockit/event/event_loop.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::cli {
namespace {

constexpr std::string_view usage_text =
    R"(Usage: sockit dns NAME [TYPE...] [CLASS] [@SERVER[:PORT]] [options] [+options]
       sockit dns -x ADDRESS [@SERVER] ...
       sockit dns --batch FILE [TYPE] [@SERVER] [--in-flight N] ...

Query a DNS server as dig does. Each TYPE (A, AAAA, MX, TXT, TYPE123, ...) is one query (default A,
PTR with -x). The servers default to the nameservers of /etc/resolv.conf (or of the file named by
$SOCKIT_RESOLV_CONF), whose timeout and attempts options apply then; a query no server answers (after
its tries) goes to the next one, as with dig.

Options:
  @SERVER            server address: 192.0.2.53, ::1, [::1]:5353, 192.0.2.53:5353, or a host name
  -p PORT            server port (default 53)
  -x ADDRESS         reverse lookup (builds the in-addr.arpa / ip6.arpa name)
  -t TYPE, -c CLASS, -q NAME   as in dig
  +tcp               use TCP from the start (else UDP, and TCP when the answer is truncated)
  +short             print only the answers' data
  +norecurse         clear the RD flag
  +dnssec            set the DO flag
  +noedns            send no EDNS0 OPT record (default: EDNS0 with a 1232-byte payload)
  +bufsize=N         EDNS0 UDP payload size
  +ignore            keep a truncated UDP answer (no TCP retry)
  +timeout=S         seconds per try (default 5; decimals allowed)
  +tries=N           tries per transport (default 3); +retry=N means N+1 tries
  --json             one JSON document (an object; an array of objects for several TYPEs)
  --batch FILE       resolve `NAME [TYPE]` lines of FILE (- for stdin) concurrently; JSON Lines out,
                     one object per input line, in input order, with its line number
  --in-flight N      batch: queries at once (default 100)
  -h, --help         this help

Exit: 0 answered (NXDOMAIN and SERVFAIL are answers), 64 usage, 65 malformed response,
68 unknown server host, 69 no answer (timeout, refused), 71 OS error, 74 I/O error.

Example: sockit dns example.org AAAA MX @127.0.0.1 -p 5353 +short
)";

/// The servers to ask, in order: @SERVER (an address, or every address getaddrinfo gives for a name),
/// else resolv.conf's nameservers (at most three, as glibc reads them; the local host when there is none).
/// Without @SERVER, *conf is what resolv.conf says (its timeout and attempts apply then).
result<std::vector<endpoint>> pick_servers(const dns_client::dig_args& a, dns_client::resolv_conf& conf,
                                           int& code, std::string& why) {
    const std::uint16_t port = a.port.value_or(53);
    std::vector<endpoint> out;
    if (a.server) {
        if (auto addr = ip_address::parse(*a.server)) {
            auto ep = endpoint::from_ip(*addr, port);
            if (!ep) {
                code = exit_code::usage;
                why = "no interface named '" + std::string(addr->zone()) + "'";
                return fail(ep.error());
            }
            out.push_back(*ep);
            return out;
        }
        resolve_hints hints;
        hints.socktype = SOCK_DGRAM;
        auto found = resolver::resolve(*a.server, "", hints);
        if (!found || found->addresses.empty()) {
            code = found ? exit_code::no_host : lookup_exit_code(found.error());
            why = found ? "no address" : found.error().message();
            return fail(found ? std::make_error_code(std::errc::address_not_available) : found.error());
        }
        for (const auto& candidate : found->addresses) out.push_back(candidate.address.with_port(port));
        return out;
    }
    // glibc's rule: no usable nameserver line (or no file) means the local host.
    const char* path = std::getenv("SOCKIT_RESOLV_CONF");  // another file, for tests and chroots
    auto loaded = dns_client::load_resolv_conf(path != nullptr && *path != '\0' ? path : "/etc/resolv.conf");
    if (loaded) conf = *loaded;
    if (conf.nameservers.empty()) conf.nameservers.push_back(ip_address::parse("127.0.0.1").value());
    for (const auto& addr : conf.nameservers) {
        auto ep = endpoint::from_ip(addr, port);
        if (!ep) {
            code = exit_code::usage;
            why = "resolv.conf nameserver " + addr.to_string() + ": no such interface";
            return fail(ep.error());
        }
        out.push_back(*ep);
    }
    return out;
}

}  // namespace

int run_dns(std::span<char*> args) {
    std::vector<std::string_view> words;
    for (std::size_t i = 1; i < args.size(); ++i) words.emplace_back(args[i]);
    auto parsed = dns_client::parse_dig_args(words);
    if (!parsed) {
        print_error("dns", fmt::format("'{}'", parsed.error().argument), parsed.error().why);
        return exit_code::usage;
    }
    const dns_client::dig_args& a = *parsed;
    if (a.help) {
        std::cout << usage_text;
        return exit_code::ok;
    }
    if (!a.batch_file && !a.name && a.types.empty()) {
        print_error("dns", "arguments", "give a NAME, -x ADDRESS or --batch FILE (see sockit dns --help)");
        return exit_code::usage;
    }
    if (a.batch_file && a.name) {
        print_error("dns", "arguments", "--batch takes the names from its file; give no NAME or -x");
        return exit_code::usage;
    }
    if (a.batch_file && a.types.size() > 1) {
        print_error("dns", "arguments", "--batch takes at most one default TYPE");
        return exit_code::usage;
    }

    dns_client::resolv_conf conf;
    int code = exit_code::ok;
    std::string why;
    auto servers = pick_servers(a, conf, code, why);
    if (!servers) {
        print_error("dns", fmt::format("server '{}'", a.server.value_or("resolv.conf")), why);
        return code;
    }

    dns_client::batch_options batch;
    batch.servers = std::move(*servers);
    dns_client::exchange_options& options = batch.exchange;
    if (!a.server) {  // resolv.conf's servers come with its timeout and attempts
        options.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(conf.timeout);
        options.tries = conf.attempts;
    }
    if (a.timeout) options.timeout = *a.timeout;
    if (a.tries) options.tries = *a.tries;
    options.start_with_tcp = a.tcp;
    options.ignore_truncation = a.ignore_truncation;
    options.query.recursion_desired = a.recurse;
    options.query.dnssec_ok = a.dnssec;
    options.query.edns_payload =
        (a.edns || a.dnssec) ? std::optional<std::uint16_t>(a.bufsize) : std::nullopt;

    if (a.batch_file) {
        dns_batch_settings settings;
        settings.file = *a.batch_file;
        settings.batch = std::move(batch);
        if (a.in_flight) settings.batch.in_flight = *a.in_flight;
        settings.default_type = a.types.empty() ? dns::rr_type::a : a.types.front();
        settings.klass = a.klass;
        return run_dns_batch(settings);
    }

    // One query per TYPE, all on one loop; printed in the order given.
    std::vector<dns::question> questions;
    const dns::dns_name name = a.name.value_or(dns::dns_name());
    if (a.types.empty()) questions.push_back({name, dns::rr_type::a, a.klass});
    for (auto t : a.types) questions.push_back({name, t, a.klass});
    auto loop = event_loop::create();
    if (!loop) {
        print_error("dns", "event loop", loop.error().message());
        return exit_code::os_error;
    }
    auto outcomes = dns_client::resolve_all(**loop, batch, questions);
    if (!outcomes) {
        print_error("dns", "event loop", outcomes.error().message());
        return exit_code::os_error;
    }

    int status = exit_code::ok;
    nlohmann::ordered_json doc = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        const auto& r = (*outcomes)[i];
        status = std::max(status, dns_exit_code(r));
        const endpoint& server =
            r ? r->server : batch.servers.back();  // the one that answered, else the last asked
        if (a.json) {
            doc.push_back(dns_exchange_json(q, server, r, options, batch.servers.size()));
            continue;
        }
        if (!r) {
            print_error(
                "dns",
                fmt::format("{} {} @{}", q.name.to_string(), dns::to_string(q.type), dns_server_text(server)),
                dns_failure_text(r.error(), options, batch.servers.size()));
            continue;
        }
        if (a.short_output) {
            std::cout << dns_short_text(*r);
        } else {
            std::string banner =
                fmt::format("{} {} @{}", q.name.to_string(), dns::to_string(q.type), dns_server_text(server));
            std::cout << dns_dig_text(banner, *r);
        }
    }
    if (a.json) print_json(questions.size() == 1 ? doc.front() : doc);
    std::cout.flush();
    return status;
}

}  // namespace sockit::cli
