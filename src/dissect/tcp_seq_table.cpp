// SPDX-License-Identifier: MIT
// tcp_seq_table: tcpdump's relative sequence numbers: each connection is keyed with its ends in a fixed
// order (the lower port first; equal ports: the lower address), so both directions find one entry.
#include "tcp_seq_table.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

namespace sockit::dissect {

tcp_seq_table::tcp_seq_table() = default;
tcp_seq_table::~tcp_seq_table() = default;

void tcp_seq_table::free_memory::operator()(entry* e) const noexcept { std::free(e); }

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

    if (!entries_) {
        entries_.reset(static_cast<entry*>(std::calloc(capacity, sizeof(entry))));
        if (!entries_) throw std::bad_alloc();
    }
    // A multiplicative hash of the key's words picks the set.
    constexpr std::uint64_t golden = 0x9e3779b97f4a7c15u;
    std::uint64_t h = (std::uint64_t{key.ports} << 8 | key.family) * golden;
    for (std::size_t i = 0; i < key.addrs.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, key.addrs.data() + i, 8);
        h = (h ^ w) * golden;
    }
    h ^= h >> 29;
    entry* set = entries_.get() + static_cast<std::size_t>(h % sets) * ways;
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
