// SPDX-License-Identifier: MIT
// request_body: reading -d's @FILE or @- into memory, byte for byte.
#include "sockit/http_client/request_body.hpp"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace sockit::http_client {

result<std::string> load_request_body(const std::string& arg, std::istream& in) {
    if (arg.empty() || arg[0] != '@') return arg;
    std::string path = arg.substr(1);
    if (path == "-") {
        std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (in.bad()) return fail(std::make_error_code(std::errc::io_error));
        return all;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail(std::error_code(errno ? errno : ENOENT, std::generic_category()));
    std::ostringstream ss;
    ss << file.rdbuf();
    if (file.bad()) return fail(std::make_error_code(std::errc::io_error));
    return std::move(ss).str();
}

}  // namespace sockit::http_client
