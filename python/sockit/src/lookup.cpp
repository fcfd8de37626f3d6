// SPDX-License-Identifier: MIT
// lookup: sockit.resolve (getaddrinfo through sockit's resolver) and sockit.dns.query/batch (the
// dns_client query engine), each releasing the GIL while it waits.
#include <pybind11/stl.h>
#include <sys/socket.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "convert.hpp"
#include "sockit/dns/presentation.hpp"
#include "sockit/dns/rcode.hpp"
#include "sockit/dns/rr_type.hpp"
#include "sockit/dns_client/batch_resolver.hpp"
#include "sockit/dns_client/client_errc.hpp"
#include "sockit/dns_client/resolv_conf.hpp"
#include "sockit/sock/gai_errc.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::python {
namespace {

// An error_code as the Python exception for it: socket.gaierror for getaddrinfo's codes, TimeoutError for
// a DNS timeout, OSError (which picks its errno subclass) for system errors, RuntimeError otherwise.
[[noreturn]] void raise_error(const std::error_code& ec) {
    py::object type;
    py::object code = py::int_(ec.value());
    if (ec.category() == gai_category()) {
        type = py::module_::import("socket").attr("gaierror");
    } else if (ec == dns_client::client_errc::timed_out) {
        type = py::module_::import("builtins").attr("TimeoutError");
    } else if (ec.category() == std::system_category() || ec.category() == std::generic_category()) {
        type = py::module_::import("builtins").attr("OSError");
    } else {
        throw std::runtime_error(ec.message());
    }
    PyErr_SetObject(type.ptr(), py::make_tuple(code, ec.message()).ptr());
    throw py::error_already_set();
}

py::list resolve(const std::string& host, const std::optional<std::string>& service, int family, int type) {
    resolve_hints hints;
    hints.family = family;
    hints.socktype = type;
    auto found = [&] {
        py::gil_scoped_release unlocked;
        return resolver::resolve(host, service.value_or(""), hints);
    }();
    if (!found) raise_error(found.error());
    py::list out;
    for (const address_info& a : found->addresses)
        out.append(py::make_tuple(a.family, a.socktype, a.protocol, a.address.address(), a.address.port()));
    return out;
}

// ---- dns ----------------------------------------------------------------------------------------

endpoint server_endpoint(py::handle spec) {
    if (PyTuple_Check(spec.ptr())) {
        py::tuple t = py::reinterpret_borrow<py::tuple>(spec);
        if (t.size() != 2) throw py::value_error("a server tuple is (address, port)");
        auto e =
            endpoint::from_ip(address_from_object(t[0], 0, error_style::factory), t[1].cast<std::uint16_t>());
        if (!e) raise_error(e.error());
        return *e;
    }
    const std::string text = spec.cast<std::string>();
    if (auto e = endpoint::parse(text)) return *e;
    auto e = endpoint::from_ip(address_from_object(spec, 0, error_style::factory), 53);
    if (!e) raise_error(e.error());
    return *e;
}

// The servers to ask: the argument (one server or a list), else resolv.conf's nameservers.
std::vector<endpoint> servers_of(py::handle spec) {
    std::vector<endpoint> out;
    if (spec.is_none()) {
        auto conf = dns_client::load_resolv_conf();
        if (!conf) raise_error(conf.error());
        for (const ip_address& a : conf->nameservers) out.push_back(*endpoint::from_ip(a, 53));
        if (out.empty()) out.push_back(*endpoint::from_ip(*ip_address::parse("127.0.0.1"), 53));
    } else if (PyList_Check(spec.ptr())) {
        for (py::handle s : spec) out.push_back(server_endpoint(s));
        if (out.empty()) throw py::value_error("the server list is empty");
    } else {
        out.push_back(server_endpoint(spec));
    }
    return out;
}

dns::question question_of(const std::string& name, const std::string& type) {
    auto n = dns::dns_name::parse(name);
    if (!n) throw py::value_error("bad DNS name '" + name + "': " + n.error().message());
    auto t = dns::parse_rr_type(type);
    if (!t) throw py::value_error("bad record type '" + type + "'");
    return {*n, *t, dns::rr_class::in};
}

py::list records(const std::vector<dns::resource_record>& section) {
    py::list out;
    for (const auto& rr : section) {
        py::dict r;
        r["name"] = rr.name.to_string();
        r["type"] = dns::to_string(rr.type);
        r["class"] = dns::to_string(rr.klass);
        r["ttl"] = rr.ttl;
        r["data"] = dns::rdata_to_string(rr.data);
        out.append(r);
    }
    return out;
}

// One outcome as a dict with the keys of `sockit dns --json` that describe the answer.
py::dict outcome_dict(const dns::question& q, const result<dns_client::exchange_result>& outcome) {
    py::dict d;
    d["name"] = q.name.to_string();
    d["type"] = dns::to_string(q.type);
    d["class"] = dns::to_string(q.klass);
    if (!outcome) {
        const auto& ec = outcome.error();
        d["status"] = ec == dns_client::client_errc::timed_out            ? "TIMEOUT"
                      : ec == dns_client::client_errc::malformed_response ? "MALFORMED"
                                                                          : "UNREACHABLE";
        d["error"] = ec.message();
        d["server"] = py::none();
        for (const char* key : {"answer", "authority", "additional", "flags"}) d[key] = py::list();
        d["transport"] = py::none();
        d["time_ms"] = py::none();
        return d;
    }
    const dns_client::exchange_result& r = *outcome;
    d["status"] = dns::to_string(r.response.full_rcode());
    d["error"] = py::none();
    d["server"] = r.server.to_string();
    d["answer"] = records(r.response.answers);
    d["authority"] = records(r.response.authority);
    d["additional"] = records(r.response.additional);
    py::list flags;
    for (std::string_view f : r.response.header.flag_names()) flags.append(py::str(std::string(f)));
    d["flags"] = flags;
    d["transport"] = r.over_tcp ? "tcp" : "udp";
    d["time_ms"] = static_cast<double>(r.elapsed.count()) / 1000.0;
    return d;
}

dns_client::batch_options batch_options_of(py::handle server, double timeout, unsigned tries, bool tcp) {
    if (!(timeout > 0) || tries < 1) throw py::value_error("timeout must be > 0 and tries >= 1");
    dns_client::batch_options options;
    options.servers = servers_of(server);
    options.exchange.timeout = std::chrono::milliseconds(static_cast<long long>(std::ceil(timeout * 1000)));
    options.exchange.tries = tries;
    options.exchange.start_with_tcp = tcp;
    return options;
}

// Runs every question at once on a private event loop, without the GIL.
std::vector<result<dns_client::exchange_result>> run_questions(const dns_client::batch_options& options,
                                                               const std::vector<dns::question>& questions,
                                                               std::size_t in_flight) {
    py::gil_scoped_release unlocked;
    auto loop = event_loop::create();
    if (!loop) {
        py::gil_scoped_acquire locked;
        raise_error(loop.error());
    }
    std::vector<result<dns_client::exchange_result>> outcomes;
    outcomes.reserve(questions.size());
    std::size_t next = 0;
    auto source = [&]() -> std::optional<dns_client::batch_job> {
        if (next == questions.size()) return std::nullopt;
        return dns_client::batch_job{questions[next++]};
    };
    auto sink = [&](std::size_t, const result<dns_client::exchange_result>& outcome,
                    std::chrono::microseconds) { outcomes.push_back(outcome); };
    dns_client::batch_options run = options;
    run.in_flight = in_flight;
    auto done = dns_client::run_batch(**loop, run, source, sink);
    if (!done) {
        py::gil_scoped_acquire locked;
        raise_error(done.error());
    }
    return outcomes;
}

py::dict query(const std::string& name, const std::string& type, py::handle server, double timeout,
               unsigned tries, bool tcp) {
    const dns::question q = question_of(name, type);
    auto outcomes = run_questions(batch_options_of(server, timeout, tries, tcp), {q}, 1);
    if (!outcomes.front()) raise_error(outcomes.front().error());
    return outcome_dict(q, outcomes.front());
}

py::list batch(py::iterable names, const std::string& type, py::handle server, double timeout, unsigned tries,
               bool tcp, std::size_t in_flight) {
    if (in_flight < 1) throw py::value_error("in_flight must be >= 1");
    auto options = batch_options_of(server, timeout, tries, tcp);
    std::vector<dns::question> questions;
    for (py::handle item : names) {
        if (PyTuple_Check(item.ptr())) {
            auto t = item.cast<std::pair<std::string, std::string>>();
            questions.push_back(question_of(t.first, t.second));
        } else {
            questions.push_back(question_of(item.cast<std::string>(), type));
        }
    }
    auto outcomes = run_questions(options, questions, in_flight);
    py::list out;
    for (std::size_t i = 0; i < questions.size(); ++i) out.append(outcome_dict(questions[i], outcomes[i]));
    return out;
}

}  // namespace

void bind_lookup(py::module_& m) {
    m.def("resolve", &resolve, py::arg("host"), py::arg("service") = py::none(), py::arg("family") = 0,
          py::arg("type") = static_cast<int>(SOCK_STREAM),
          "getaddrinfo(host, service) through sockit's resolver, without the GIL: a list of (family, type, "
          "proto, ip_address, port) in the system's order (RFC 6724). family is 0, socket.AF_INET or "
          "socket.AF_INET6; type socket.SOCK_STREAM (default), SOCK_DGRAM or 0. Errors: socket.gaierror "
          "(unknown name or service, temporary failure), OSError. Blocks as long as the system resolver.");
    py::module_ dns = m.def_submodule("dns", "DNS queries through sockit's query engine.");
    dns.def("query", &query, py::arg("name"), py::arg("type") = "A", py::arg("server") = py::none(),
            py::arg("timeout") = 5.0, py::arg("tries") = 3, py::arg("tcp") = false,
            "Asks one question (type: 'A', 'AAAA', 'MX', 'TYPE65', ...) of server ('192.0.2.53', "
            "'[::1]:5353', ('127.0.0.1', 5353), or a list of those tried in turn; default: resolv.conf's "
            "nameservers), UDP with TCP on truncation, timeout seconds per try. Returns a dict: name, type, "
            "class, status (NOERROR, NXDOMAIN, ...), error, server, answer, authority, additional (lists of "
            "{name, type, class, ttl, data}), flags, transport, time_ms. Raises TimeoutError when no "
            "server answers, OSError for socket errors. Releases the GIL while it waits.");
    dns.def("batch", &batch, py::arg("names"), py::arg("type") = "A", py::arg("server") = py::none(),
            py::arg("timeout") = 5.0, py::arg("tries") = 3, py::arg("tcp") = false,
            py::arg("in_flight") = 100,
            "Asks many questions at once (names: str, or (name, type) tuples), at most in_flight in flight, "
            "on one event loop without the GIL. Returns one dict per name in input order, as query() does; "
            "a name without an answer has status TIMEOUT, MALFORMED or UNREACHABLE and an error text "
            "instead of raising.");
}

}  // namespace sockit::python
