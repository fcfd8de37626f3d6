// SPDX-License-Identifier: MIT
// gai_errc: getaddrinfo(3)/getnameinfo(3) failures (the EAI_* codes of RFC 3493 and glibc) as
// std::error_code.
#pragma once

#include <netdb.h>

#include <system_error>

namespace sockit {

/// The EAI_* codes; values are glibc's own, messages are gai_strerror(3)'s text. EAI_SYSTEM never appears
/// here: the resolver reports it as the errno it stands for (system category).
enum class gai_errc {
    again = EAI_AGAIN,         ///< temporary failure in name resolution (try again)
    bad_flags = EAI_BADFLAGS,  ///< invalid flags
    fail = EAI_FAIL,           ///< non-recoverable failure in name resolution
    family = EAI_FAMILY,       ///< address family not supported
    memory = EAI_MEMORY,       ///< out of memory
    no_name = EAI_NONAME,      ///< name or service not known
    service = EAI_SERVICE,     ///< service not supported for the socket type
    socktype = EAI_SOCKTYPE,   ///< socket type not supported
    overflow = EAI_OVERFLOW,   ///< a result buffer was too small
#ifdef EAI_NODATA
    no_data = EAI_NODATA,  ///< the name exists but has no address of the asked family (GNU)
#endif
#ifdef EAI_ADDRFAMILY
    address_family = EAI_ADDRFAMILY,  ///< the host has no address in the asked family (GNU)
#endif
};

/// The category of gai_errc; name() is "sockit.gai", message() is gai_strerror's text.
const std::error_category& gai_category() noexcept;

inline std::error_code make_error_code(gai_errc e) noexcept { return {static_cast<int>(e), gai_category()}; }

/// A getaddrinfo/getnameinfo return value as an error_code: 0 → success, EAI_SYSTEM → `saved_errno` in the
/// system category, anything else → gai_category().
std::error_code gai_error(int rc, int saved_errno) noexcept;

/// True when the error means "this name (or address) has no answer" rather than a resolver failure:
/// no_name, no_data, address_family. The CLI maps these to exit code 68 (unknown host).
bool is_unknown_name(const std::error_code& ec) noexcept;

}  // namespace sockit

template <>
struct std::is_error_code_enum<sockit::gai_errc> : std::true_type {};
