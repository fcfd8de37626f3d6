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

/// Writes layer's fields, and its issue when it has one, at s (at most layer_budget bytes).
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
    if (layer.issue != codec_errc{}) s.str("issue", issue_name(layer.issue));
}

}  // namespace sockit::dissect
