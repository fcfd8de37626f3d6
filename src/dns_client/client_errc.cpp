// SPDX-License-Identifier: MIT
// The client_errc error category: messages for DNS exchanges that got no usable response.
#include "sockit/dns_client/client_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::dns_client {
namespace {

// One message per client_errc value, in declaration order (the first is 1).
constexpr const char* messages[] = {
    "timed out",                                  // timed_out
    "malformed response",                         // malformed_response
    "connection closed before a whole response",  // connection_closed
};

}  // namespace

const std::error_category& client_category() noexcept {
    return enum_category_of<client_errc::connection_closed>("sockit.dns.client", messages,
                                                            "unknown DNS client error");
}

}  // namespace sockit::dns_client
