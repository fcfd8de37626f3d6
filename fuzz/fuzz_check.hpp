// SPDX-License-Identifier: MIT
// fuzz_check: the property assertion every fuzz target uses: abort (libFuzzer reports a crash) on failure.
#pragma once

#include <cstdlib>

namespace sockit::fuzz {

/// Aborts when a property does not hold.
inline void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace sockit::fuzz
