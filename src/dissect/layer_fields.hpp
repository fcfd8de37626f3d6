// SPDX-License-Identifier: MIT
// layer_fields: one layer's fields through a field_sink: picks the protocol family's put_fields() by the
// layer's view, then notes the layer's issue.
#pragma once

#include "field_sink.hpp"
#include "fields_dns.hpp"
#include "fields_icmp.hpp"
#include "fields_ip.hpp"
#include "fields_link.hpp"
#include "fields_transport.hpp"
#include "issue_name.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

/// The name of a checksum verdict in the tree and JSON ("checksum_status"); empty when not checked.
constexpr std::string_view checksum_status_name(checksum_verdict v) noexcept {
    switch (v) {
        case checksum_verdict::ok: return "ok";
        case checksum_verdict::bad: return "bad";
        case checksum_verdict::unverified: return "unverified";
        case checksum_verdict::absent: return "absent";
        case checksum_verdict::not_checked: break;
    }
    return {};
}

/// Writes layer's fields, its checksum verdict when it was checked ("checksum_status": ok, bad,
/// unverified (offloaded), absent) and its issue when it has one, at s (at most layer_budget bytes).
template <bool Json>
void put_layer_fields(field_sink<Json>& s, const frame_layer& layer) noexcept {
    // Each alternative writes through a local copy of the sink with everything inlined (flatten), so the
    // cursor stays in a register; through the caller's sink it would go to memory around every store.
    std::visit(
        [&s](const auto& v) __attribute__((flatten)) {
            field_sink<Json> local = s;
            put_fields(local, v);
            s = local;
        },
        layer.view);
    if (layer.checksum != checksum_verdict::not_checked)
        s.str("checksum_status", checksum_status_name(layer.checksum));
    if (layer.issue != codec_errc{}) s.str("issue", issue_name(layer.issue));
}

}  // namespace sockit::dissect
