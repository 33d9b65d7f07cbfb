// Runs every check in order.
#include "generator/check/checker.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#include "common/parallel_tasks.h"
#include "common/process.h"
#include "generator/check/comparison_check.h"
#include "generator/check/join_label_check.h"
#include "generator/check/join_pin_check.h"
#include "generator/check/label_collision_check.h"
#include "generator/check/matching_check.h"
#include "generator/check/metric_check.h"
#include "generator/check/promql_check.h"
#include "generator/check/runbook_check.h"
#include "generator/check/scope_check.h"
#include "generator/check/selector_check.h"
#include "generator/check/template_check.h"
#include "generator/check/test_length_check.h"
#include "generator/model/range_windows.h"
#include "generator/promql/test_shape.h"

namespace symptree {
namespace {

// "Every branch is tested by construction": an alert whose test series can be
// neither derived nor taken from `examples` is an error. Checked here, before
// the test planner, which needs one or the other for every alert on a path.
void check_testable(const Model& model, Diagnostics& diagnostics) {
  for (const Node& node : model.nodes) {
    if (node.kind != NodeKind::Alert || !node.when || node.examples) continue;
    if (!node.when->analysis.ast) continue;  // not valid PromQL: that error says it all
    if (is_bool_comparison(*node.when->analysis.ast)) continue;  // check_bool_conditions says why
    if (promql::test_shape(*node.when->analysis.ast, node.scope == NodeScope::Cluster)) continue;
    if (auto inexact = inexact_threshold(*node.when->analysis.ast, node.when->expr)) {
      char value[32], rounded[32];
      std::snprintf(value, sizeof value, "%.10g", inexact->value);
      std::snprintf(rounded, sizeof rounded, "%.4g", inexact->value);
      bool finite = std::isfinite(inexact->value);
      diagnostics.error(node.when->position_at(inexact->offset),
                        "cannot derive test series for '" + node.id + "': its threshold '" + inexact->text +
                            "' has no exact decimal value (" + value + (finite ? "..." : "") +
                            "), so no test value can sit on it",
                        finite ? std::string("write the threshold as a decimal (such as ") + rounded +
                                     "), or add `examples:`"
                               : std::string("a comparison with ") + value + " holds always or never: compare with "
                                     "a finite number, or add `examples:`");
      continue;
    }
    if (const promql::Node* scaled = promql::inexact_scaled_comparison(*node.when->analysis.ast)) {
      const std::string& expr = node.when->expr;
      diagnostics.error(node.when->position_at(scaled->op_pos.start),
                        "cannot derive test series for '" + node.id + "': in '" +
                            expr.substr(scaled->pos.start, scaled->pos.end - scaled->pos.start) +
                            "' the threshold divided by the factor has no exact decimal value, so no test value "
                            "can sit on the term's threshold",
                        "compare the term with that value written as a decimal, choose a threshold the factor "
                        "divides, or add `examples:`");
      continue;
    }
    promql::Underivable part = promql::underivable_part(*node.when->analysis.ast, node.scope == NodeScope::Cluster);
    diagnostics.error(part.at ? node.when->position_at(part.start) : node.when->where,
                      "cannot derive test series for '" + node.id + "': its condition is not one of the derivable " +
                          "shapes (docs/spec.md, \"Tests, by construction\")" +
                          (part.at ? ": symptree does not derive series for " + part.what : std::string()),
                      "add `examples:` with `firing` and `quiet` series, and `warmup` if it uses rate() or similar");
  }
}

}  // namespace

void check_model(const Model& model, const CheckOptions& options, Diagnostics& diagnostics,
                 const std::function<void()>& beside) {
  using Check = std::function<void(Diagnostics&)>;
  InferredLabels inferred(model);  // read by three checks
  std::vector<Check> checks = {
      [&](Diagnostics& d) { check_testable(model, d); },
      [&](Diagnostics& d) { check_metrics(model, d); },
      [&](Diagnostics& d) { check_bool_conditions(model, d); },
      [&](Diagnostics& d) { check_selectors(model, d); },
      [&](Diagnostics& d) { check_join_labels(model, inferred, d); },
      [&](Diagnostics& d) { check_matchings(model, d); },
      [&](Diagnostics& d) { check_join_pins(model, d); },
      [&](Diagnostics& d) { check_label_collisions(model, inferred, d); },
      [&](Diagnostics& d) { check_scopes(model, d); },
      [&](Diagnostics& d) { check_templates(model, inferred, d); },
      [&](Diagnostics& d) { check_windows_fit_tests(model, d); },
      [&](Diagnostics& d) {
        check_interval_fits_windows(model, "tests.interval", model.test_interval, "tests", "samples",
                                    model.test_interval_where, d);
      },
      [&](Diagnostics& d) { check_runbooks(model, options.spec_dir, d); },
  };
  if (promtool_skipped(options).empty()) {
    checks.push_back([&](Diagnostics& d) {
      check_promql(model, options.promtool, d, options.promtool_timeout_seconds);
    });
  }
  // The checks only read the model: two threads take them in turn, after
  // `beside`, promtool's (the longest) first, and their errors are merged in
  // the list's order, so the report is the same as one thread's.
  std::vector<Diagnostics> found(checks.size());
  std::vector<std::function<void()>> tasks;
  if (beside) tasks.push_back(beside);
  for (size_t i = checks.size(); i-- > 0;) tasks.push_back([&, i] { checks[i](found[i]); });
  run_parallel_tasks(tasks, 2);
  for (const Diagnostics& part : found) {
    for (const Diagnostic& error : part.errors()) diagnostics.error(error.where, error.message, error.hint);
  }
}

std::string promtool_skipped(const CheckOptions& options) {
  if (!options.use_promtool) return "--no-promtool";
  if (!find_in_path(options.promtool)) return options.promtool + " is not installed";
  return "";
}

}  // namespace symptree
