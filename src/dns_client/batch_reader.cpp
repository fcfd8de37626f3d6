// SPDX-License-Identifier: MIT
// batch_reader: `NAME [TYPE]` lines into questions, comments and blank lines skipped, bad lines kept with a
// reason.
#include "sockit/dns_client/batch_reader.hpp"

#include <string_view>

#include "sockit/core/split_words.hpp"
#include "sockit/dns/dns_name.hpp"

namespace sockit::dns_client {

std::optional<batch_line> batch_reader::next() {
    std::string text;
    while (std::getline(in_, text)) {
        ++number_;
        std::string_view line = text;
        if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        auto words = split_words(line, " \t\r");
        if (words.empty()) continue;
        batch_line out;
        out.number = number_;
        out.name_text = std::string(words[0]);
        out.type_text = words.size() > 1 ? std::string(words[1]) : dns::to_string(default_type_);
        if (words.size() > 2) {
            out.problem = "too many fields (want NAME [TYPE])";
            return out;
        }
        auto name = dns::dns_name::parse(words[0]);
        if (!name) {
            out.problem = "not a domain name: " + name.error().message();
            return out;
        }
        auto type = dns::parse_rr_type(out.type_text);
        if (!type) {
            out.problem = "not a record type";
            return out;
        }
        out.q = dns::question{*name, *type, klass_};
        return out;
    }
    return std::nullopt;
}

}  // namespace sockit::dns_client
