// The `explain` and `coverage` commands.
#include "generator/report/report_commands.h"

#include "generator/report/coverage.h"
#include "generator/report/explain.h"

namespace symptree {

int print_explain(const Compilation& compilation, const std::string& name, std::ostream& out, std::ostream& err) {
  std::string error;
  std::optional<std::string> text = explain(compilation, name, error);
  if (!text) {
    err << "symptree: " << error << "\n";
    return 2;
  }
  out << *text;
  return 0;
}

int print_coverage(const Compilation& compilation, const CoverageOptions& options, std::ostream& out) {
  TestOutcomes outcomes;
  if (options.run_tests) {
    outcomes = run_rule_tests(compilation, options.promtool, options.jobs, options.timeout_seconds);
  } else {
    outcomes.not_run_reason = "not asked to run them (--no-run)";
  }
  if (options.json) {
    out << coverage_json(compilation, outcomes).dump(2) << "\n";
  } else {
    out << coverage_text(compilation, outcomes);
  }
  // Tests that were to run and did not (promtool missing, timed out, killed)
  // leave the coverage unknown: never a success.
  bool unknown = options.run_tests && !outcomes.ran;
  return coverage_ok(coverage_rows(compilation, outcomes)) && !unknown ? 0 : 1;
}

}  // namespace symptree
