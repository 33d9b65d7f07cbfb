// Windows the generated tests can cover: a condition reading `[30d]` (or
// `offset 30d`, or a subquery's range) needs test series reaching that far
// back, one sample per tests.interval, and a test runs at most
// kMaxTestSteps evaluations. Refused at the window, before the test planner
// would spend its time (and memory) finding out.
#pragma once

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

void check_windows_fit_tests(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
