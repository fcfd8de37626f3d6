// SPDX-License-Identifier: MIT
// spec_syntax: the hand-written tokenizer of layer specs: identifiers, values (anything up to ',' or ')'),
// punctuation.
#include "spec_syntax.hpp"

#include <fmt/format.h>

namespace sockit::packet_spec {
namespace {

bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// The hand-written tokenizer: identifiers, values (anything up to ',' or ')'), punctuation.
class spec_parser {
public:
    explicit spec_parser(std::string_view text) : text_(text) {}

    result<std::vector<packet_syntax>, spec_error> parse() {
        std::vector<packet_syntax> packets;
        for (;;) {
            skip_space();
            if (at_end()) break;
            packet_syntax p;
            p.offset = pos_;
            for (;;) {
                auto layer = parse_layer();
                if (!layer) return fail(layer.error());
                p.layers.push_back(std::move(*layer));
                skip_space();
                if (at_end() || peek() == ';') break;
                if (peek() != '/')
                    return fail(
                        make_error(pos_, token_here(), "expected '/' between layers or ';' between packets"));
                ++pos_;
            }
            packets.push_back(std::move(p));
            if (!at_end()) ++pos_;  // the ';'
        }
        if (packets.empty()) return fail(make_error(0, text_, "no packet: the spec is empty"));
        return packets;
    }

private:
    result<layer_spec, spec_error> parse_layer() {
        skip_space();
        layer_spec l;
        l.offset = pos_;
        const std::string_view name = ident();
        if (name.empty()) return fail(make_error(pos_, token_here(), "expected a layer name"));
        l.name = lower(name);
        skip_space();
        if (at_end() || peek() != '(') return l;
        ++pos_;
        skip_space();
        if (!at_end() && peek() == ')') {
            ++pos_;
            return l;
        }
        for (;;) {
            skip_space();
            arg a;
            a.key_offset = pos_;
            const std::string_view key = ident();
            if (key.empty())
                return fail(
                    make_error(pos_, token_here(), fmt::format("expected a field name in {}()", l.name)));
            a.key = lower(key);
            skip_space();
            if (!at_end() && peek() == '=') {
                ++pos_;
                skip_space();
                a.value_offset = pos_;
                const std::size_t start = pos_;
                // Inside parentheses only ',' and ')' end a value: '/' (prefixes) and ';' are plain
                // characters.
                while (!at_end() && peek() != ',' && peek() != ')') ++pos_;
                std::string_view v = text_.substr(start, pos_ - start);
                while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
                if (v.empty())
                    return fail(
                        make_error(a.key_offset, a.key + "=", fmt::format("empty value for {}", a.key)));
                a.value = std::string(v);
            }
            l.args.push_back(std::move(a));
            skip_space();
            if (at_end()) return fail(make_error(pos_, "", fmt::format("missing ')' to close {}(", l.name)));
            if (peek() == ')') {
                ++pos_;
                return l;
            }
            if (peek() != ',') return fail(make_error(pos_, token_here(), "expected ',' or ')'"));
            ++pos_;
        }
    }

    std::string_view ident() {
        const std::size_t start = pos_;
        while (!at_end() && is_ident_char(peek())) ++pos_;
        return text_.substr(start, pos_ - start);
    }
    /// The token at the cursor, for error messages (up to the next delimiter, at least one character).
    std::string_view token_here() const {
        if (at_end()) return "end of spec";
        std::size_t end = pos_ + 1;
        while (end < text_.size() && is_ident_char(text_[end]) && is_ident_char(text_[pos_])) ++end;
        // Keep a multi-byte UTF-8 character whole.
        while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0U) == 0x80U) ++end;
        return text_.substr(pos_, end - pos_);
    }
    void skip_space() {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n')) ++pos_;
    }
    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const { return text_[pos_]; }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

spec_error make_error(std::size_t offset, std::string_view token, std::string why) {
    return spec_error{offset, std::string(token), std::move(why)};
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool layer_spec::has_word(std::initializer_list<std::string_view> words) const noexcept {
    for (const arg& a : args)
        if (!a.value)
            for (std::string_view w : words)
                if (a.key == w) return true;
    return false;
}

result<std::vector<packet_syntax>, spec_error> parse_spec(std::string_view spec) {
    return spec_parser(spec).parse();
}

}  // namespace sockit::packet_spec
