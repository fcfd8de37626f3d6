// SPDX-License-Identifier: MIT
// parse_or_fail: T::parse(text) for tests whose input must parse: a refusal fails the test (with the
// text and the error) and gives a default T.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

namespace sockit::test {

template <class T>
T parse_or_fail(std::string_view text) {
    auto r = T::parse(text);
    EXPECT_TRUE(r.has_value()) << text << ": " << (r ? "" : r.error().message());
    return r ? *r : T{};
}

}  // namespace sockit::test
