// SPDX-License-Identifier: MIT
// The client_errc error category.
#include "sockit/http_client/client_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::http_client {
namespace {

// One message per client_errc value, in declaration order (the first is 1).
constexpr const char* messages[] = {
    "connection timed out",                                             // connect_timeout
    "timed out waiting for the server",                                 // read_timeout
    "overall time limit exceeded",                                      // total_timeout
    "server closed the connection without a response",                  // closed_before_response
    "server closed the connection in the middle of the response head",  // closed_in_head
    "server closed the connection before the body ended",               // closed_in_body
    "too many redirects",                                               // too_many_redirects
    "redirect loop",                                                    // redirect_loop
    "writing the body failed",                                          // output_failed
    "too many 1xx interim responses",                                   // too_many_interim
};

}  // namespace

const std::error_category& client_category() noexcept {
    return enum_category_of<client_errc::too_many_interim>("sockit.http.client", messages,
                                                           "unknown HTTP client error");
}

}  // namespace sockit::http_client
