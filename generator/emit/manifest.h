// manifest.json: what a compile wrote, from which spec, with hashes, and the
// coverage of the tree (alerts, their test counts, manual steps).
#pragma once

#include <string>

#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"
#include "generator/model/test_cases.h"

namespace symptree {

// Renders the manifest for `outputs` (which must not yet hold the manifest).
std::string render_manifest(const Model& model, const AlertPlan& alerts, const TestPlan& tests,
                            const OutputSet& outputs, const std::string& spec_text);

}  // namespace symptree
