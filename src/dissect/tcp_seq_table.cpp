// SPDX-License-Identifier: MIT
// tcp_seq_table: tcpdump's relative sequence numbers: each connection is keyed with its ends in a fixed
// order (the lower port first; equal ports: the lower address), so both directions find one entry.
#include "tcp_seq_table.hpp"

#include <cstring>

namespace sockit::dissect {

tcp_seq_table::tcp_seq_table() = default;
tcp_seq_table::~tcp_seq_table() = default;

tcp_seq_view tcp_seq_table::relate(const tcp_view& tcp, const std::uint8_t* src, const std::uint8_t* dst,
                                   std::size_t addr_size) {
    std::uint32_t seq = tcp.seq();
    std::uint32_t ack = tcp.ack();
    if (!tcp.has(wire::tcp_flag::ack)) return {seq, ack, 0};
    const std::uint16_t sport = tcp.sport();
    const std::uint16_t dport = tcp.dport();
    const bool rev = sport > dport || (sport == dport && std::memcmp(src, dst, addr_size) > 0);
    entry key;
    key.family = static_cast<std::uint8_t>(addr_size);
    std::memcpy(key.addrs.data(), rev ? dst : src, addr_size);
    std::memcpy(key.addrs.data() + 16, rev ? src : dst, addr_size);
    key.ports = rev ? (std::uint32_t{dport} << 16 | sport) : (std::uint32_t{sport} << 16 | dport);

    if (!entries_) entries_ = std::make_unique<entry[]>(capacity);
    // FNV-1a over the key picks the set.
    std::uint32_t h = 2166136261u;
    auto mix = [&h](const std::uint8_t* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 16777619u;
    };
    mix(key.addrs.data(), key.addrs.size());
    const std::uint8_t port_bytes[4] = {
        static_cast<std::uint8_t>(key.ports >> 24), static_cast<std::uint8_t>(key.ports >> 16),
        static_cast<std::uint8_t>(key.ports >> 8), static_cast<std::uint8_t>(key.ports)};
    mix(port_bytes, 4);
    entry* set = entries_.get() + (h % sets) * ways;
    if (++tick_ == 0) {  // the clock wrapped: keep the order, restart the ticks
        for (std::size_t i = 0; i < capacity; ++i)
            if (entries_[i].used != 0) entries_[i].used = 1;
        tick_ = 2;
    }
    entry* found = nullptr;
    entry* victim = set;
    for (std::size_t i = 0; i < ways; ++i) {
        entry& e = set[i];
        if (e.used != 0 && e.family == key.family && e.ports == key.ports && e.addrs == key.addrs) {
            found = &e;
            break;
        }
        if (e.used < victim->used) victim = &e;
    }
    if (found != nullptr && !tcp.has(wire::tcp_flag::syn)) {
        found->used = tick_;
        if (rev) return {seq - found->ack, ack - found->seq, found->seq};
        return {seq - found->seq, ack - found->ack, found->ack};
    }
    // A new connection (or a new SYN on a known one): record its initial numbers, show them absolute.
    entry* e = found != nullptr ? found : victim;
    if (e->used == 0) ++size_;
    *e = key;
    e->used = tick_;
    if (rev) {
        e->ack = seq;
        e->seq = ack - 1;
    } else {
        e->seq = seq;
        e->ack = ack - 1;
    }
    return {seq, ack, rev ? e->seq : e->ack};
}

}  // namespace sockit::dissect
