// A vector matching that can never match: a label it compares (one listed in
// `on (...)`, or any label but those of `ignoring (...)`) that the series of
// one side always carry and those of the other side never do (a source that
// does not list it). Such a condition never holds, so its alert never fires
// and its derived tests, which give both sides matching series, fail.
#pragma once

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// Errors at the `on (...)` clause (or the operator, without one) of each such matching.
void check_matchings(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
