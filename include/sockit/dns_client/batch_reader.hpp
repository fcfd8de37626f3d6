// SPDX-License-Identifier: MIT
// batch_reader: the input of a DNS batch, `NAME [TYPE]` lines (names per RFC 1035 §5.1 presentation), read
// one query at a time.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>

#include "sockit/dns/question.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns_client {

/// One input line that is not blank or a comment, as read.
struct batch_line {
    std::size_t number = 0;          ///< 1-based line number in the input
    std::string name_text;           ///< the NAME word as written
    std::string type_text;           ///< the TYPE word as written, or the default type's mnemonic
    std::optional<dns::question> q;  ///< nullopt when the line is not a valid query
    std::string problem;             ///< why, when q is nullopt
};

/// Reads `NAME [TYPE]` lines from a stream: '#' starts a comment, blank lines are skipped, words are
/// separated by spaces, tabs (and a CR before the line end). A line with a bad name, an unknown type or
/// more than two words is still returned, with a problem, so that every input line has an outcome.
/// Blocks on the stream; not thread-safe (one reader per stream).
class batch_reader {
public:
    /// Reads `in` (which must outlive the reader); lines without TYPE ask for `default_type`, every line
    /// for `klass`.
    batch_reader(std::istream& in, dns::rr_type default_type, dns::rr_class klass) noexcept
        : in_(in), default_type_(default_type), klass_(klass) {}

    /// The next line that holds a query or a problem; nullopt at the end of the input (or on a read
    /// error: see failed()). Allocates.
    std::optional<batch_line> next();

    /// True when reading failed (the stream's badbit), as opposed to ending.
    [[nodiscard]] bool failed() const { return in_.bad(); }

private:
    std::istream& in_;
    dns::rr_type default_type_;
    dns::rr_class klass_;
    std::size_t number_ = 0;
};

}  // namespace sockit::dns_client
