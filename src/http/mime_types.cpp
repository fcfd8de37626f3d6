// SPDX-License-Identifier: MIT
// The extension → media type table (IANA media types registry, WHATWG MIME sniffing for text detection).
#include "sockit/http/mime_types.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <utility>

namespace sockit::http {
namespace {

// Lower-case extensions, sorted for binary search (checked at compile time below).
constexpr std::pair<std::string_view, std::string_view> types[] = {
    {"7z", "application/x-7z-compressed"},
    {"aac", "audio/aac"},
    {"apng", "image/apng"},
    {"atom", "application/atom+xml"},
    {"avi", "video/x-msvideo"},
    {"avif", "image/avif"},
    {"bin", "application/octet-stream"},
    {"bmp", "image/bmp"},
    {"bz2", "application/x-bzip2"},
    {"c", "text/plain; charset=utf-8"},
    {"cc", "text/plain; charset=utf-8"},
    {"cpp", "text/plain; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"deb", "application/vnd.debian.binary-package"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"eot", "application/vnd.ms-fontobject"},
    {"epub", "application/epub+zip"},
    {"flac", "audio/flac"},
    {"gif", "image/gif"},
    {"gz", "application/gzip"},
    {"h", "text/plain; charset=utf-8"},
    {"hpp", "text/plain; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"html", "text/html; charset=utf-8"},
    {"ico", "image/vnd.microsoft.icon"},
    {"ics", "text/calendar; charset=utf-8"},
    {"iso", "application/octet-stream"},
    {"jar", "application/java-archive"},
    {"jpeg", "image/jpeg"},
    {"jpg", "image/jpeg"},
    {"js", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"jsonld", "application/ld+json"},
    {"log", "text/plain; charset=utf-8"},
    {"m4a", "audio/mp4"},
    {"map", "application/json"},
    {"md", "text/markdown; charset=utf-8"},
    {"mid", "audio/midi"},
    {"midi", "audio/midi"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"mkv", "video/x-matroska"},
    {"mov", "video/quicktime"},
    {"mp3", "audio/mpeg"},
    {"mp4", "video/mp4"},
    {"mpeg", "video/mpeg"},
    {"odp", "application/vnd.oasis.opendocument.presentation"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"oga", "audio/ogg"},
    {"ogg", "audio/ogg"},
    {"ogv", "video/ogg"},
    {"opus", "audio/opus"},
    {"otf", "font/otf"},
    {"pcap", "application/vnd.tcpdump.pcap"},
    {"pdf", "application/pdf"},
    {"png", "image/png"},
    {"ppt", "application/vnd.ms-powerpoint"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"py", "text/plain; charset=utf-8"},
    {"rar", "application/vnd.rar"},
    {"rss", "application/rss+xml"},
    {"rtf", "application/rtf"},
    {"sh", "text/plain; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"tar", "application/x-tar"},
    {"tgz", "application/gzip"},
    {"tif", "image/tiff"},
    {"tiff", "image/tiff"},
    {"toml", "text/plain; charset=utf-8"},
    {"ts", "video/mp2t"},
    {"ttf", "font/ttf"},
    {"txt", "text/plain; charset=utf-8"},
    {"wasm", "application/wasm"},
    {"wav", "audio/wav"},
    {"weba", "audio/webm"},
    {"webm", "video/webm"},
    {"webmanifest", "application/manifest+json"},
    {"webp", "image/webp"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"xhtml", "application/xhtml+xml"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"xml", "application/xml"},
    {"xz", "application/x-xz"},
    {"yaml", "application/yaml"},
    {"yml", "application/yaml"},
    {"zip", "application/zip"},
    {"zst", "application/zstd"},
};

static_assert(std::is_sorted(std::begin(types), std::end(types),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));

constexpr std::string_view text_plain = "text/plain; charset=utf-8";
constexpr std::string_view octet_stream = "application/octet-stream";

}  // namespace

bool looks_like_text(bytes_view sample) noexcept {
    std::size_t i = 0;
    while (i < sample.size()) {
        const std::uint8_t c = sample[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1B) return false;
            if (c == 0x7F) return false;
            ++i;
            continue;
        }
        // UTF-8 lead byte: the number of continuation bytes and the smallest valid second byte range.
        std::size_t extra = 0;
        std::uint8_t lo = 0x80;
        std::uint8_t hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0) lo = 0xA0;  // no overlong forms
            if (c == 0xED) hi = 0x9F;  // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;  // not above U+10FFFF
        } else {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            if (i + k >= sample.size()) return true;  // cut at the end of the sample
            const std::uint8_t b = sample[i + k];
            const std::uint8_t min = k == 1 ? lo : std::uint8_t{0x80};
            const std::uint8_t max = k == 1 ? hi : std::uint8_t{0xBF};
            if (b < min || b > max) return false;
        }
        i += extra + 1;
    }
    return true;
}

std::string_view mime_type_for(std::string_view filename, bytes_view sample) noexcept {
    std::size_t slash = filename.find_last_of('/');
    std::string_view base = slash == std::string_view::npos ? filename : filename.substr(slash + 1);
    std::size_t dot = base.find_last_of('.');
    // A leading dot names a hidden file (".profile"), not an extension.
    if (dot != std::string_view::npos && dot != 0 && dot + 1 < base.size()) {
        std::string_view ext = base.substr(dot + 1);
        std::array<char, 16> lower{};
        if (ext.size() <= lower.size()) {
            for (std::size_t i = 0; i < ext.size(); ++i) {
                char c = ext[i];
                lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
            }
            std::string_view key(lower.data(), ext.size());
            const auto* end = std::end(types);
            const auto* it =
                std::lower_bound(std::begin(types), end, key,
                                 [](const auto& entry, std::string_view k) { return entry.first < k; });
            if (it != end && it->first == key) return it->second;
        }
    }
    if (!sample.empty() && looks_like_text(sample)) return text_plain;
    return octet_stream;
}

}  // namespace sockit::http
