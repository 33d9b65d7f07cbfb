// The tests' clock and the bound on their length.
#include "generator/testgen/test_steps.h"

#include "common/duration.h"
#include "generator/model/range_windows.h"

namespace symptree {

int64_t round_up(int64_t value, int64_t step) { return (value + step - 1) / step * step; }

bool short_enough(const Model& model, int64_t until_ms, const SourcePosition& where, const std::string& what,
                  Diagnostics& diagnostics) {
  int64_t steps = until_ms / model.test_interval.ms;
  if (steps <= kMaxTestSteps) return true;
  diagnostics.error(where, "cannot build tests for " + what + ": they would run " + format_duration(until_ms) + ", " +
                               std::to_string(steps) + " evaluations at the tests' interval " +
                               model.test_interval.text + "; the limit is " + std::to_string(kMaxTestSteps),
                    "shorten 'for' (and the examples' warmup) on the path, or lengthen tests.interval");
  return false;
}

}  // namespace symptree
