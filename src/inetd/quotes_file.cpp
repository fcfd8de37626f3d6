// SPDX-License-Identifier: MIT
// quotes_file: reading qotd's quotes file, bounded, with the errno of a failed open.
#include "sockit/inetd/quotes_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <fstream>

#include "sockit/core/codec_errc.hpp"

namespace sockit::inetd {
namespace {

constexpr std::size_t max_file_bytes = 1 << 20;

}  // namespace

using services::quotes_error;

result<std::vector<std::string>, quotes_error> load_quotes(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return fail(quotes_error{std::make_error_code(std::errc::is_a_directory), 0, "is a directory"});
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno != 0 ? errno : ENOENT;
        return fail(quotes_error{std::error_code(err, std::system_category()), 0, "cannot open"});
    }
    std::string text;
    char chunk[4096];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_file_bytes)
            return fail(quotes_error{codec_errc::too_large, 0,
                                     fmt::format("file is larger than {} bytes", max_file_bytes)});
    }
    if (in.bad()) return fail(quotes_error{std::make_error_code(std::errc::io_error), 0, "read error"});
    return services::parse_quotes(text);
}

}  // namespace sockit::inetd
