// SPDX-License-Identifier: MIT
// The client_errc error category: messages for DNS exchanges that got no usable response.
#include "sockit/dns/client/client_errc.hpp"

#include <string>

namespace sockit::dns {
namespace {

class client_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "sockit.dns.client"; }
    std::string message(int value) const override {
        switch (static_cast<client_errc>(value)) {
            case client_errc::timed_out: return "timed out";
            case client_errc::malformed_response: return "malformed response";
            case client_errc::connection_closed: return "connection closed before a whole response";
        }
        return "unknown DNS client error";
    }
};

}  // namespace

const std::error_category& client_category() noexcept {
    static const client_category_impl instance;
    return instance;
}

}  // namespace sockit::dns
