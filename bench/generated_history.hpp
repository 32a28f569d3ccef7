// A generated history of one shop for the benchmarks that need a big database (reports, the
// staff queue): `cases` cases spread evenly over 2025–2026, written through the storage layer
// (Store/Tx, 20,000 cases per transaction) with their orders. Deterministic (a fixed seed).
#pragma once

#include <string>

#include "core/time.hpp"

namespace bench {

inline constexpr reclaim::UnixMs kStart = 1'735'689'600'000;  // 2025-01-01T00:00:00Z
inline constexpr reclaim::UnixMs kSpan = 730 * reclaim::kMsPerDay;  // two years

// Writes the history into a new SQLite database at `path`, reporting progress on stderr.
void generate_history(const std::string &path, long cases);

}  // namespace bench
