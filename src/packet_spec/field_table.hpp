// SPDX-License-Identifier: MIT
// field_table: a layer's fields as a table of name -> setter (and bare words such as icmp's "echo"),
// applied to the layer's wire builder argument by argument.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <map>
#include <string>

#include "sockit/packet_spec/spec_error.hpp"
#include "sockit/wire/packet_builder.hpp"
#include "spec_syntax.hpp"
#include "value_reader.hpp"

namespace sockit::packet_spec {

using field_result = result<void, spec_error>;

template <class B>
using setter = std::function<field_result(B&, const value_reader&)>;

template <class B>
struct field_table {
    std::map<std::string, setter<B>, std::less<>> fields;
    /// Bare words that are not fields (e.g. "echo" for icmp), applied before the fields.
    std::map<std::string, std::function<void(B&)>, std::less<>> words;
};

/// Hands a read value to use(value), or passes the reading error on.
template <class T, class Use>
field_result use_value(result<T, spec_error> value, Use&& use) {
    if (!value) return fail(value.error());
    use(*value);
    return {};
}

/// Stores a read value into a builder field, or passes the reading error on.
template <class Field, class T>
field_result set(Field& field, result<T, spec_error> value) {
    return use_value(std::move(value), [&](T& v) { field = std::move(v); });
}

/// A setter that reads the value with value_reader's `expr` (e.g. `uint<std::uint8_t>()`) into `target`
/// (an expression on the builder `b`).
#define SOCKIT_SET(expr, target) \
    [](auto& b, const value_reader& r) -> field_result { return set(target, r.expr); }

/// A setter that reads the value with value_reader's `expr` as `v` and runs `action` with it (an expression
/// on the builder `b`, e.g. appending v to a list field).
#define SOCKIT_USE(expr, action) \
    [](auto& b, const value_reader& r) -> field_result { return use_value(r.expr, [&](auto& v) { action; }); }

template <class B>
std::string field_list(const field_table<B>& f) {
    std::string s;
    for (const auto& [w, _] : f.words) s += (s.empty() ? "" : ", ") + w;
    for (const auto& [k, _] : f.fields) s += (s.empty() ? "" : ", ") + k;
    return s;
}

template <class B>
result<B, spec_error> apply_fields(const layer_spec& l, const field_table<B>& table, B b) {
    for (const arg& a : l.args) {
        if (!a.value) {
            if (auto w = table.words.find(a.key); w != table.words.end()) {
                w->second(b);
                continue;
            }
        }
        auto f = table.fields.find(a.key);
        if (f == table.fields.end())
            return fail(
                make_error(a.key_offset, a.key,
                           fmt::format("unknown field of {} (known: {})", l.name, field_list(table))));
        const value_reader r{a, l.name};
        if (auto res = f->second(b, r); !res) return fail(res.error());
    }
    return b;
}

/// What a layer's builder may look at besides its own arguments: defaults follow the neighbours (udp's
/// port 53 before dns, the hop limit 255 of NDP under ipv6, dns's length prefix over tcp).
struct layer_context {
    const layer_spec& layer;
    const layer_spec* previous = nullptr;  ///< nullptr for the first layer
    const layer_spec* next = nullptr;      ///< nullptr for the last layer

    [[nodiscard]] bool next_is(std::string_view name) const noexcept {
        return next != nullptr && next->name == name;
    }
    [[nodiscard]] bool previous_is(std::string_view name) const noexcept {
        return previous != nullptr && previous->name == name;
    }
};

using layer_result = result<wire::layer_builder, spec_error>;

/// Applies the layer's arguments to b through table and wraps the result as a layer.
template <class B>
layer_result build_layer(const layer_spec& l, const field_table<B>& table, B b) {
    auto r = apply_fields(l, table, std::move(b));
    if (!r) return fail(r.error());
    return wire::layer_builder{std::move(*r)};
}

}  // namespace sockit::packet_spec
