// SPDX-License-Identifier: MIT
// A server engine (serve::server) run on a thread of a loopback test: created at construction, stopped and
// joined at destruction — the echo, discard and inetd servers the load generators and adapters are tested on.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

#include "sockit/serve/server.hpp"

namespace sockit::test {

struct engine_thread {
    std::unique_ptr<serve::server> srv;
    std::thread thread;

    engine_thread(serve::server_options options, std::vector<serve::listener_spec> listeners) {
        auto s = serve::server::create(std::move(options), std::move(listeners));
        EXPECT_TRUE(s) << s.error().message();
        if (!s) return;
        srv = std::move(*s);
        thread = std::thread([this] { (void)srv->run(); });
    }
    ~engine_thread() { stop(); }
    engine_thread(const engine_thread&) = delete;
    engine_thread& operator=(const engine_thread&) = delete;

    /// Stops the server and waits for it (idempotent).
    void stop() {
        if (!thread.joinable()) return;
        srv->request_stop();
        thread.join();
    }
    /// The bound address of listener `i`.
    endpoint at(std::size_t i) const { return srv->listeners().at(i).local; }
};

/// Options for a test server: the epoll model, everything else default.
inline serve::server_options epoll_options() {
    serve::server_options o;
    o.model = serve::server_model::epoll;
    return o;
}

}  // namespace sockit::test
