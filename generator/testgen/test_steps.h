// The tests' clock: times rounded to the tests' interval, and the bound on
// how many evaluations a test may run.
#pragma once

#include <cstdint>
#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// `value` rounded up to a multiple of `step`.
int64_t round_up(int64_t value, int64_t step);

// False (with an error at `where`) when the tests of `what` would run past
// kMaxTestSteps evaluations to reach `until_ms`.
bool short_enough(const Model& model, int64_t until_ms, const SourcePosition& where, const std::string& what,
                  Diagnostics& diagnostics);

}  // namespace symptree
