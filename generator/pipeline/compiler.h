// The pipeline folder's public header. The whole pipeline: spec -> model ->
// checks -> alert plan and routing plan -> test plan -> rendered files, driven
// here apart from the units it drives (docs/architecture.md). The CLI, the
// tests and the benchmark all call this.
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "generator/check/checker.h"
#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"
#include "generator/pipeline/output_paths.h"
#include "generator/testgen/test_plan.h"

namespace symptree {

// Everything one compile produced, still in memory.
struct Compilation {
  Model model;
  AlertPlan alerts;
  AmRoute routes;  // the Alertmanager routing tree (model/routing), computed once
  TestPlan tests;
  OutputSet outputs;
  std::vector<std::string> notes;  // what was left out and why, e.g. the SVG without Graphviz
  std::string promtool_skipped;    // why promtool did not parse the conditions ("" when it did)
};

// Loads, checks and renders `spec_path`; nullopt with diagnostics on any error.
std::optional<Compilation> compile_spec(const std::string& spec_path, const CheckOptions& options,
                                        Diagnostics& diagnostics);
// The same from text already read (for tests and benchmarks).
std::optional<Compilation> compile_spec_text(const std::string& spec_path, const std::string& text,
                                             const CheckOptions& options, Diagnostics& diagnostics);

}  // namespace symptree
