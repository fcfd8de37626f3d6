// SPDX-License-Identifier: MIT
// exchange: one DNS exchange run to completion on a private event loop.
#include "sockit/dns_client/exchange.hpp"

#include <optional>

#include "sockit/dns_client/query_engine.hpp"

namespace sockit::dns_client {

using dns::question;

result<exchange_result> exchange(const question& q, const endpoint& server, const exchange_options& options) {
    auto loop = event_loop::create();
    if (!loop) return fail(loop.error());
    std::optional<result<exchange_result>> outcome;
    {
        query_engine engine(**loop);
        auto started = engine.start(q, server, options,
                                    [&](result<exchange_result> r) { outcome.emplace(std::move(r)); });
        if (!started) return fail(started.error());
        while (!outcome) {
            auto ran = (*loop)->run_once();
            if (!ran) return fail(ran.error());
        }
    }
    return std::move(*outcome);
}

}  // namespace sockit::dns_client
