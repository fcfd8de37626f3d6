// SPDX-License-Identifier: MIT
// The gai_errc error category: getaddrinfo/getnameinfo codes with gai_strerror's messages.
#include "sockit/sock/gai_errc.hpp"

#include <string>

#include "sockit/sys/sys_error.hpp"

namespace sockit {
namespace {

class gai_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "sockit.gai"; }
    std::string message(int value) const override { return ::gai_strerror(value); }
};

}  // namespace

const std::error_category& gai_category() noexcept {
    static const gai_category_impl instance;
    return instance;
}

std::error_code gai_error(int rc, int saved_errno) noexcept {
    if (rc == 0) return {};
    if (rc == EAI_SYSTEM) return sys_error(saved_errno != 0 ? saved_errno : EIO);
    return {rc, gai_category()};
}

bool is_unknown_name(const std::error_code& ec) noexcept {
    if (ec.category() != gai_category()) return false;
    switch (static_cast<gai_errc>(ec.value())) {
        case gai_errc::no_name:
#ifdef EAI_NODATA
        case gai_errc::no_data:
#endif
#ifdef EAI_ADDRFAMILY
        case gai_errc::address_family:
#endif
            return true;
        default: return false;
    }
}

}  // namespace sockit
