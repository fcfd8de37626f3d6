// SPDX-License-Identifier: MIT
// The client_errc error category: messages for DNS exchanges that got no usable response.
#include "sockit/dns_client/client_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::dns_client {
namespace {

const char* describe(client_errc e) noexcept {
    switch (e) {
        case client_errc::timed_out: return "timed out";
        case client_errc::malformed_response: return "malformed response";
        case client_errc::connection_closed: return "connection closed before a whole response";
    }
    return "unknown DNS client error";
}

}  // namespace

const std::error_category& client_category() noexcept {
    static const enum_category<client_errc> instance("sockit.dns.client", describe);
    return instance;
}

}  // namespace sockit::dns_client
