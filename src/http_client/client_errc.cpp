// SPDX-License-Identifier: MIT
// The client_errc error category.
#include "sockit/http_client/client_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::http_client {
namespace {

const char* describe(client_errc e) noexcept {
    switch (e) {
        case client_errc::connect_timeout: return "connection timed out";
        case client_errc::read_timeout: return "timed out waiting for the server";
        case client_errc::total_timeout: return "overall time limit exceeded";
        case client_errc::closed_before_response: return "server closed the connection without a response";
        case client_errc::closed_in_head:
            return "server closed the connection in the middle of the response head";
        case client_errc::closed_in_body: return "server closed the connection before the body ended";
        case client_errc::too_many_redirects: return "too many redirects";
        case client_errc::redirect_loop: return "redirect loop";
        case client_errc::output_failed: return "writing the body failed";
        case client_errc::too_many_interim: return "too many 1xx interim responses";
    }
    return "unknown HTTP client error";
}

}  // namespace

const std::error_category& client_category() noexcept {
    static const enum_category<client_errc> category("sockit.http.client", describe);
    return category;
}

}  // namespace sockit::http_client
