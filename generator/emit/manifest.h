// manifest.json: what a compile wrote, from which spec, with hashes, and the
// coverage of the tree (alerts, their test counts, manual steps).
#pragma once

#include <string>
#include <vector>

#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"
#include "generator/model/test_cases.h"

namespace symptree {

// Renders the manifest for `outputs` (which must not yet hold the manifest).
std::string render_manifest(const Model& model, const AlertPlan& alerts, const TestPlan& tests,
                            const OutputSet& outputs, const std::string& spec_text);

// One service of a config repo compile: its folder in the tree ("stemedb/")
// and the manifest its compile alone would have written.
struct RepositoryService {
  std::string folder;
  std::string manifest;
};

// The manifest of a config repo's tree: each service's manifest (its spec,
// alerts, tests and manual steps) with its folder, and every file of the tree.
std::string render_repository_manifest(const std::vector<RepositoryService>& services, const OutputSet& outputs);

}  // namespace symptree
