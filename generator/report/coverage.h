// `symptree coverage SPEC`: every branch of the tree with the alert that
// enforces it, its promtool test cases and their outcome, the manual steps and
// the absence alerts, as a text table or as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "generator/report/test_outcomes.h"

namespace symptree {

// One row of the table: a node of the tree, or an absence alert (node -1).
struct CoverageRow {
  int node = -1;
  std::string label;    // the node's title, or "metric <name> absent"
  int depth = 0;
  std::string kind;     // alert | manual | group | absence
  std::string alert;    // "" for manual steps and groups
  std::string priority;
  int tests = 0;
  int failed = 0;
  std::string outcome;  // passed | failed | not run | untested | manual: <reason> | group
};

std::vector<CoverageRow> coverage_rows(const Compilation& compilation, const TestOutcomes& outcomes);

// The table for people, with a header saying whether promtool ran and a summary.
std::string coverage_text(const Compilation& compilation, const TestOutcomes& outcomes);

nlohmann::json coverage_json(const Compilation& compilation, const TestOutcomes& outcomes);

// True when every alert has tests and none failed (outcomes unknown count as good).
bool coverage_ok(const std::vector<CoverageRow>& rows);

}  // namespace symptree
