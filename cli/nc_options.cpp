// SPDX-License-Identifier: MIT
// `sockit nc` command line: getopt-style parsing and validation, with OpenBSD nc's wording for errors.
#include "nc_options.hpp"

#include "nc_ports.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "sockit/core/split_words.hpp"

namespace sockit::cli {
namespace {

using parse_result = result<nc_options, std::string>;

/// Flags that take an argument (getopt's "x:" letters); the rest are booleans.
constexpr std::string_view flags_with_argument = "wqiIOspec";
constexpr std::string_view boolean_flags = "lkuUzvn46dCrbNh";

/// A whole-string decimal number (integer or fraction, optional sign), finite, or nullopt.
std::optional<double> to_seconds(std::string_view s) {
    if (s.empty() || s.size() > 32) return std::nullopt;
    for (char c : s)
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) return std::nullopt;
    std::string copy(s);
    char* end = nullptr;
    double v = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// Applies one flag (with its argument when it takes one) to opts.
result<void, std::string> apply_flag(nc_options& opts, char flag, std::string_view arg, bool& saw_exec,
                                     bool& saw_sh_exec, bool& saw_shutdown_flag) {
    switch (flag) {
        case 'l': opts.listen = true; break;
        case 'k': opts.keep_open = true; break;
        case 'u': opts.udp = true; break;
        case 'U': opts.unix_socket = true; break;
        case 'z': opts.scan = true; break;
        case 'v': opts.verbose = true; break;
        case 'n': opts.numeric = true; break;
        case '4': opts.ipv4_only = true; break;
        case '6': opts.ipv6_only = true; break;
        case 'd': opts.no_stdin = true; break;
        case 'C': opts.crlf = true; break;
        case 'r': opts.random_ports = true; break;
        case 'b': opts.broadcast = true; break;
        case 'N': saw_shutdown_flag = true; break;  // shutdown after stdin EOF is already the default
        case 'h': opts.help = true; break;
        case 'w': {
            auto v = to_seconds(arg);
            if (!v) return fail(fmt::format("timeout invalid: {}", arg));
            if (*v <= 0) return fail(fmt::format("timeout too small: {}", arg));
            if (*v > 86400.0 * 365) return fail(fmt::format("timeout too large: {}", arg));
            opts.timeout = *v;
            break;
        }
        case 'q': {
            auto v = to_seconds(arg);
            if (!v || *v > 86400.0 * 365) return fail(fmt::format("quit timer invalid: {}", arg));
            if (*v < 0)
                opts.quit_after_eof.reset();  // negative: wait forever, as nc documents
            else
                opts.quit_after_eof = *v;
            break;
        }
        case 'i': {
            auto v = to_seconds(arg);
            if (!v || *v < 0 || *v > 86400.0) return fail(fmt::format("interval invalid: {}", arg));
            opts.interval = *v;
            break;
        }
        case 'I':
        case 'O': {
            const char* what = flag == 'I' ? "TCP receive window" : "TCP send window";
            auto v = nc_integer(arg);
            if (!v) return fail(fmt::format("{} invalid: {}", what, arg));
            if (*v < 1) return fail(fmt::format("{} too small: {}", what, arg));
            if (*v > (65536LL << 14)) return fail(fmt::format("{} too large: {}", what, arg));
            (flag == 'I' ? opts.recv_buffer : opts.send_buffer) = static_cast<int>(*v);
            break;
        }
        case 's':
            if (arg.empty()) return fail(std::string("source address invalid: empty"));
            opts.source_address = std::string(arg);
            break;
        case 'p': {
            auto v = nc_integer(arg);
            if (!v) return fail(fmt::format("port number invalid: {}", arg));
            if (*v < 0) return fail(fmt::format("port number too small: {}", arg));
            if (*v > 65535) return fail(fmt::format("port number too large: {}", arg));
            opts.source_port = static_cast<std::uint16_t>(*v);
            break;
        }
        case 'e': {
            auto words = split_words(arg);
            opts.exec_argv.assign(words.begin(), words.end());
            if (opts.exec_argv.empty()) return fail(std::string("exec command is empty"));
            saw_exec = true;
            break;
        }
        case 'c':
            if (arg.empty()) return fail(std::string("exec command is empty"));
            opts.exec_argv = {"/bin/sh", "-c", std::string(arg)};
            saw_sh_exec = true;
            break;
        default: return fail(fmt::format("invalid option -- '{}'", flag));
    }
    return {};
}

/// Checks combinations and operands once every flag is known (nc's order of checks where it has one).
result<void, std::string> validate(nc_options& opts, const std::vector<std::string_view>& operands,
                                   bool saw_exec, bool saw_sh_exec, bool saw_shutdown_flag) {
    if (opts.help) return {};
    if (opts.keep_open && !opts.listen) return fail(std::string("must use -l with -k"));
    if (opts.scan && opts.listen) return fail(std::string("cannot use -z and -l"));
    if (opts.ipv4_only && opts.ipv6_only) return fail(std::string("cannot use -4 and -6"));
    if (saw_exec && saw_sh_exec) return fail(std::string("cannot use -e and -c"));
    if ((saw_exec || saw_sh_exec) && opts.scan) return fail(std::string("cannot use -z with -e or -c"));
    if ((saw_exec || saw_sh_exec) && opts.keep_open && opts.udp)
        return fail(std::string("cannot use -e or -c with -k -u"));
    if (saw_shutdown_flag && opts.no_shutdown) return fail(std::string("cannot use -N and --no-shutdown"));
    if (opts.unix_socket && opts.source_port) return fail(std::string("cannot use -p with -U"));

    if (opts.unix_socket) {
        if (operands.empty()) return fail(std::string("missing socket pathname"));
        if (operands.size() > 1) return fail(fmt::format("too many arguments: {}", operands[1]));
        if (operands[0].size() > 107) return fail(fmt::format("socket path too long: {}", operands[0]));
        if (opts.scan && opts.udp) return fail(std::string("cannot use -z with -U -u"));
        opts.host = std::string(operands[0]);
        return {};
    }

    if (opts.listen) {
        if (opts.source_port) {
            // -l -p PORT [-s ADDR]: the traditional netcat spelling; operands would be ambiguous.
            if (!operands.empty())
                return fail(fmt::format("cannot use -p with a port argument: {}", operands.back()));
            opts.host = opts.source_address;
            opts.ports = {std::to_string(*opts.source_port)};
            opts.source_port.reset();
            return {};
        }
        if (operands.empty()) return fail(std::string("missing port number"));
        if (operands.size() > 2) return fail(fmt::format("too many arguments: {}", operands[2]));
        std::string_view port = operands.back();
        if (operands.size() == 2) {
            if (!opts.source_address.empty())
                return fail(fmt::format("cannot use -s with an address argument: {}", operands[0]));
            opts.host = std::string(operands[0]);
        } else {
            opts.host = opts.source_address;
        }
        opts.source_address.clear();
        if (port.find_first_of(",-") != std::string_view::npos)
            return fail(fmt::format("cannot listen on a port range: {}", port));
        if (auto v = nc_integer(port)) {
            if (*v < 0) return fail(fmt::format("port number too small: {}", port));
            if (*v > 65535) return fail(fmt::format("port number too large: {}", port));
            opts.ports = {std::to_string(*v)};  // 0 asks the kernel for a free port
        } else if (is_nc_service_name(port)) {
            opts.ports = {std::string(port)};
        } else {
            return fail(fmt::format("port number invalid: {}", port));
        }
        return {};
    }

    if (operands.empty()) return fail(std::string("missing destination"));
    if (operands.size() == 1) return fail(std::string("missing port number"));
    opts.host = std::string(operands[0]);
    for (std::size_t i = 1; i < operands.size(); ++i) {
        auto list = parse_nc_ports(operands[i]);
        if (!list) return fail(list.error());
        opts.ports.insert(opts.ports.end(), list->begin(), list->end());
    }
    if (opts.ports.size() > 65535 * 4) return fail(std::string("too many ports"));
    return {};
}

}  // namespace

result<nc_options, std::string> parse_nc_options(std::span<char* const> args) {
    nc_options opts;
    std::vector<std::string_view> operands;
    bool saw_exec = false, saw_sh_exec = false, saw_shutdown_flag = false;
    bool options_done = false;

    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (options_done || a.size() < 2 || a[0] != '-') {
            operands.push_back(a);  // operands may come before flags (GNU getopt permutes them)
            continue;
        }
        if (a == "--") {
            options_done = true;
            continue;
        }
        if (a.starts_with("--")) {
            std::string_view name = a.substr(2), value;
            bool has_value = false;
            if (auto eq = name.find('='); eq != std::string_view::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                has_value = true;
            }
            if (name == "help" || name == "no-shutdown") {
                if (has_value) return fail(fmt::format("option '--{}' doesn't allow an argument", name));
                (name == "help" ? opts.help : opts.no_shutdown) = true;
                continue;
            }
            if (name == "exec" || name == "sh-exec") {
                if (!has_value) {
                    if (i + 1 >= args.size())
                        return fail(fmt::format("option '--{}' requires an argument", name));
                    value = args[++i];
                }
                if (auto r = apply_flag(opts, name == "exec" ? 'e' : 'c', value, saw_exec, saw_sh_exec,
                                        saw_shutdown_flag);
                    !r)
                    return fail(r.error());
                continue;
            }
            return fail(fmt::format("unrecognized option '--{}'", name));
        }
        // A bundle of short flags: -lkv, -w5, -w 5, -lp 1234.
        for (std::size_t j = 1; j < a.size(); ++j) {
            char flag = a[j];
            if (flags_with_argument.find(flag) != std::string_view::npos) {
                std::string_view value;
                if (j + 1 < a.size()) {
                    value = a.substr(j + 1);
                } else {
                    if (i + 1 >= args.size())
                        return fail(fmt::format("option requires an argument -- '{}'", flag));
                    value = args[++i];
                }
                if (auto r = apply_flag(opts, flag, value, saw_exec, saw_sh_exec, saw_shutdown_flag); !r)
                    return fail(r.error());
                break;
            }
            if (boolean_flags.find(flag) == std::string_view::npos)
                return fail(fmt::format("invalid option -- '{}'", flag));
            if (auto r = apply_flag(opts, flag, {}, saw_exec, saw_sh_exec, saw_shutdown_flag); !r)
                return fail(r.error());
        }
    }
    if (auto r = validate(opts, operands, saw_exec, saw_sh_exec, saw_shutdown_flag); !r)
        return fail(r.error());
    return opts;
}

}  // namespace sockit::cli
