// SPDX-License-Identifier: MIT
// Tests of the engine's file regions (stream_context::send_file, sendfile(2)) and handler deadlines
// (set_deadline/clear_deadline) on loopback, in every concurrency model.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#include "sockit/serve/server.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::serve {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

endpoint loopback(std::uint16_t port = 0) { return endpoint(*ip_address::parse("127.0.0.1"), port); }

// A temporary file of `size` bytes with a position-dependent pattern (a misplaced byte shows).
struct temp_file {
    std::string path;
    std::string content;
    explicit temp_file(std::size_t size) {
        char tmpl[] = "/tmp/sockit_sendfile_XXXXXX";
        const int fd = ::mkstemp(tmpl);
        path = tmpl;
        content.resize(size);
        for (std::size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
        EXPECT_EQ(::write(fd, content.data(), size), static_cast<ssize_t>(size));
        ::close(fd);
    }
    ~temp_file() { ::unlink(path.c_str()); }
    std::shared_ptr<const unique_fd> open() const {
        return std::make_shared<const unique_fd>(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    }
};

// What the handlers saw, for the models that run them in this process (not fork).
struct observed {
    std::atomic<std::size_t> room_after_queue{SIZE_MAX};
    std::atomic<std::uint64_t> queued_after_queue{0};
    std::mutex mu;
    std::vector<connection_record> records;

    // The connection records once there is one (the engine writes it after closing), waiting up to 5 s.
    std::vector<connection_record> records_after_close() {
        const auto until = clock_type::now() + 5s;
        std::unique_lock lock(mu);
        while (records.empty() && clock_type::now() < until) {
            lock.unlock();
            std::this_thread::sleep_for(5ms);
            lock.lock();
        }
        return records;
    }
};

// On the first data: "HEAD\n", two file regions with "MID\n" between them, "TAIL\n", then close().
class file_sender final : public stream_handler {
public:
    file_sender(const temp_file& f, std::uint64_t extra, observed& o) : file_(f), extra_(extra), obs_(o) {}
    void on_data(stream_context& ctx, bytes_view) override {
        if (sent_) return;
        sent_ = true;
        auto fd = file_.open();
        const std::uint64_t size = file_.content.size();
        ctx.write(as_bytes("HEAD\n"));
        ctx.send_file(fd, 1000, size / 2 - 1000);
        ctx.write(as_bytes("MID\n"));
        ctx.send_file(fd, size / 2, size - size / 2 + extra_);  // extra_ > 0: more than the file holds
        auto tail = ctx.prepare(5);
        std::memcpy(tail.data(), "TAIL\n", 5);
        ctx.commit(5);
        obs_.room_after_queue = ctx.room();
        obs_.queued_after_queue = ctx.queued();
        ctx.close();
    }

private:
    const temp_file& file_;
    std::uint64_t extra_;
    observed& obs_;
    bool sent_ = false;
};

// Echoes; sets a deadline at connect; "clear" clears it, "again" sets a new one.
class deadline_echo final : public stream_handler {
public:
    void on_connect(stream_context& ctx) override { ctx.set_deadline(300ms); }
    void on_data(stream_context& ctx, bytes_view data) override {
        const auto text = as_chars(data);
        if (text.find("clear") != std::string_view::npos) ctx.clear_deadline();
        if (text.find("again") != std::string_view::npos) ctx.set_deadline(300ms);
        ctx.write(data);
    }
};

struct running {
    std::unique_ptr<server> srv;
    std::thread thread;
    explicit running(std::unique_ptr<server> s) : srv(std::move(s)) {
        thread = std::thread([this] { (void)srv->run(); });
    }
    ~running() {
        srv->request_stop();
        thread.join();
    }
    std::uint16_t port() const { return srv->listeners().at(0).local.port(); }
};

socket connect_to(std::uint16_t port) {
    auto s = socket::open(AF_INET, SOCK_STREAM);
    EXPECT_TRUE(s);
    EXPECT_TRUE(s->connect(loopback(port), 5000ms));
    return std::move(*s);
}

// Reads until EOF or an error (reported as "<...>") within 10 s.
std::string read_all(socket& s) {
    std::string got;
    std::uint8_t buf[65536];
    const auto until = clock_type::now() + 10s;
    while (clock_type::now() < until) {
        auto ready = s.wait_readable(1000ms);
        if (!ready) return got + "<" + ready.error().message() + ">";
        if (!*ready) continue;
        auto n = s.recv(buf);
        if (!n) return got + "<" + n.error().message() + ">";
        if (*n == 0) return got;
        got.append(reinterpret_cast<const char*>(buf), *n);
    }
    return got + "<timeout>";
}

server_options options_for(server_model m, observed& o) {
    server_options opt;
    opt.model = m;
    opt.workers = 2;
    opt.idle_timeout = 5s;
    opt.grace = 200ms;
    opt.max_output = 64 * 1024;
    opt.on_connection_end = [&o](const connection_record& r) {
        std::lock_guard lock(o.mu);
        o.records.push_back(r);
    };
    return opt;
}

listener_spec spec(stream_factory f) {
    listener_spec l;
    l.service = "test";
    l.address = loopback();
    l.make_stream = std::move(f);
    return l;
}

class sendfile_model : public ::testing::TestWithParam<server_model> {};

TEST_P(sendfile_model, file_regions_go_out_in_order_between_buffered_bytes) {
    temp_file file(3 * 1024 * 1024 + 17);
    observed obs;
    auto s = server::create(options_for(GetParam(), obs),
                            {spec([&] { return std::make_unique<file_sender>(file, 0, obs); })});
    ASSERT_TRUE(s) << s.error().message();
    running r(std::move(*s));
    auto c = connect_to(r.port());
    ASSERT_TRUE(c.send_all(as_bytes("go")));
    // A slow start: the output fills and the engine must resume the region on writability.
    std::this_thread::sleep_for(50ms);
    const std::string got = read_all(c);
    const std::string& f = file.content;
    const std::string want =
        "HEAD\n" + f.substr(1000, f.size() / 2 - 1000) + "MID\n" + f.substr(f.size() / 2) + "TAIL\n";
    ASSERT_EQ(got.size(), want.size());
    EXPECT_TRUE(got == want) << "the bytes differ";
    if (GetParam() == server_model::fork) return;  // the handler and the record live in the child
    EXPECT_EQ(obs.room_after_queue.load(), 0u) << "a queued region counts against the output limit";
    EXPECT_EQ(obs.queued_after_queue.load(), want.size());
    const std::vector<connection_record> records = obs.records_after_close();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].bytes_out, want.size()) << "bytes_out counts file bytes";
    EXPECT_EQ(records[0].reason, close_reason::done);
}

TEST_P(sendfile_model, a_file_shorter_than_its_region_ends_the_connection) {
    temp_file file(200 * 1024);
    observed obs;
    auto s = server::create(options_for(GetParam(), obs),
                            {spec([&] { return std::make_unique<file_sender>(file, 4096, obs); })});
    ASSERT_TRUE(s);
    running r(std::move(*s));
    auto c = connect_to(r.port());
    ASSERT_TRUE(c.send_all(as_bytes("go")));
    const std::string got = read_all(c);
    EXPECT_EQ(got.find("<timeout>"), std::string::npos) << "the connection must end, not hang";
    EXPECT_EQ(got.find("TAIL"), std::string::npos) << "nothing may follow a short region";
    const std::string& f = file.content;
    const std::string prefix =
        "HEAD\n" + f.substr(1000, f.size() / 2 - 1000) + "MID\n" + f.substr(f.size() / 2);
    EXPECT_EQ(got.substr(0, prefix.size()), prefix) << "the bytes the file has are sent intact";
    if (GetParam() == server_model::fork) return;
    const std::vector<connection_record> records = obs.records_after_close();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].reason, close_reason::error);
}

TEST_P(sendfile_model, a_deadline_ends_a_trickling_peer_and_clear_lifts_it) {
    observed obs;
    auto s = server::create(options_for(GetParam(), obs),
                            {spec([] { return std::make_unique<deadline_echo>(); })});
    ASSERT_TRUE(s);
    running r(std::move(*s));

    // One byte every 50 ms keeps the idle timeout away, not the deadline (300 ms).
    auto slow = connect_to(r.port());
    const auto start = clock_type::now();
    bool ended = false;
    std::uint8_t buf[256];
    while (clock_type::now() - start < 3s && !ended) {
        if (!slow.send(as_bytes("x"))) {
            ended = true;
            break;
        }
        if (slow.wait_readable(50ms).value_or(false)) {
            auto n = slow.recv(buf);
            if (!n || *n == 0) ended = true;
        }
    }
    const auto took = clock_type::now() - start;
    EXPECT_TRUE(ended) << "the trickling peer was not cut off";
    EXPECT_LT(took, 2s);
    EXPECT_GE(took, 250ms);

    // A cleared deadline: the connection outlives it.
    auto ok = connect_to(r.port());
    ASSERT_TRUE(ok.send_all(as_bytes("clear")));
    std::this_thread::sleep_for(600ms);
    ASSERT_TRUE(ok.send_all(as_bytes("ping")));
    std::string got;
    const auto until = clock_type::now() + 3s;
    while (got.find("ping") == std::string::npos && clock_type::now() < until) {
        if (!ok.wait_readable(200ms).value_or(false)) continue;
        auto n = ok.recv(buf);
        if (!n || *n == 0) break;
        got.append(reinterpret_cast<const char*>(buf), *n);
    }
    EXPECT_EQ(got, "clearping");
    if (GetParam() != server_model::fork) {
        const auto wait_until = clock_type::now() + 2s;
        while (r.srv->stats().deadlines.load() == 0 && clock_type::now() < wait_until)
            std::this_thread::sleep_for(5ms);
        EXPECT_EQ(r.srv->stats().deadlines.load(), 1u);
    }
}

INSTANTIATE_TEST_SUITE_P(serve_sendfile, sendfile_model, ::testing::ValuesIn(all_server_models),
                         [](const auto& p) { return std::string(to_string(p.param)); });

}  // namespace
}  // namespace sockit::serve
