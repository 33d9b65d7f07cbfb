// Validation beyond the spec's structure: metrics exist, runbooks exist,
// conditions parse. Each check is one file; check_model runs them all.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// How the checks reach the outside world.
struct CheckOptions {
  std::string spec_dir = ".";      // runbooks.dir is relative to the spec's folder
  std::string promtool = "promtool";
  bool use_promtool = true;        // parse conditions with promtool when it is installed
  std::string dot = "dot";         // Graphviz, for docs/flowchart.svg when it is installed
  bool use_dot = true;
};

void check_model(const Model& model, const CheckOptions& options, Diagnostics& diagnostics);

// Every metric a condition or example reads is produced by a configured probe,
// listed in app_metrics, or built into Prometheus; probe label values name
// configured probes.
void check_metrics(const Model& model, Diagnostics& diagnostics);
// With runbooks.dir set: each runbook file exists and has the linked section.
void check_runbooks(const Model& model, const std::string& spec_dir, Diagnostics& diagnostics);
// A cluster-scoped condition visibly aggregates the join_on labels and instance away.
void check_scopes(const Model& model, Diagnostics& diagnostics);
// Each condition parses with promtool's PromQL parser (skipped when promtool is absent).
void check_promql(const Model& model, const std::string& promtool, Diagnostics& diagnostics);

}  // namespace symptree
