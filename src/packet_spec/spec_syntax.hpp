// SPDX-License-Identifier: MIT
// spec_syntax: the layer spec as written: packets of layers of key=value arguments, with the offset of
// every token so that errors can point at it.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/packet_spec/spec_error.hpp"

namespace sockit::packet_spec {

/// One "key=value" (or bare "key") inside a layer's parentheses; the key in lower case.
struct arg {
    std::string key;
    std::size_t key_offset = 0;
    std::optional<std::string> value;
    std::size_t value_offset = 0;
};

/// One "name(args)" layer; the name in lower case.
struct layer_spec {
    std::string name;
    std::size_t offset = 0;
    std::vector<arg> args;

    /// True when a bare word (an arg without a value) is one of words.
    [[nodiscard]] bool has_word(std::initializer_list<std::string_view> words) const noexcept;
};

/// One packet: its layers, outermost first.
struct packet_syntax {
    std::vector<layer_spec> layers;
    std::size_t offset = 0;
};

/// Splits spec into packets (';'), layers ('/') and arguments. Errors: spec_error at the unexpected
/// token (an empty spec, a missing layer name, ',' or ')', an empty value).
result<std::vector<packet_syntax>, spec_error> parse_spec(std::string_view spec);

spec_error make_error(std::size_t offset, std::string_view token, std::string why);

/// s in ASCII lower case.
std::string lower(std::string_view s);

}  // namespace sockit::packet_spec
