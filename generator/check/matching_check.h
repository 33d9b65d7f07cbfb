// A vector matching that can never match, so its condition never holds, its
// alert never fires and its derived tests, which give both sides matching
// series, fail:
// - a label it compares (one listed in `on (...)`, or any label but those of
//   `ignoring (...)`) that the series of one side always carry and those of
//   the other side never do (a source that does not list it);
// - sides scraped by two different jobs (series_job.h) that it compares on
//   `job` or `instance`: those differ between any two scrape targets.
#pragma once

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// Errors at the `on (...)` clause (or the operator, without one) of each such matching.
void check_matchings(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
