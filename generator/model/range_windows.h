// Range windows (`rate(x[5m])`) against sample intervals: a range function
// needs two samples inside its window, so scrapes (deployment) and test
// samples (`tests.interval`) must come at least twice per window.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "common/duration.h"
#include "generator/model/model.h"

namespace symptree {

// The longest a generated test may run, in evaluations at tests.interval:
// promtool evaluates every rule at each step, so a `for` of years at 1m, or a
// `[1y]` window, would run for hours.
constexpr int64_t kMaxTestSteps = 20000;

// The smallest range window `[5m]` of a range selector in any node's condition
// (subqueries `[5m:1m]` excluded), with the node reading it.
struct RangeWindow {
  Duration window;
  std::string node;
  SourcePosition where;  // of the node's condition
};
std::optional<RangeWindow> smallest_range_window(const Model& model);

// Reports `key` at `where` (at the condition with the window when `where` has
// no line: an interval by default) when `interval` leaves fewer than two
// samples (`samples`: "scrapes", "samples") in the smallest window of the
// rules (`user`: "rules", "tests").
void check_interval_fits_windows(const Model& model, const std::string& key, const Duration& interval,
                                 const std::string& user, const std::string& samples, const SourcePosition& where,
                                 Diagnostics& diagnostics);

}  // namespace symptree
