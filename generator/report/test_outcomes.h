// The outcome of the generated promtool tests: writes the rule files and their
// test files to a temporary directory, runs `promtool test rules` on the test
// files in parallel and maps each
// failure back to its alert through the test's name ("<Alert>: <case title>").
#pragma once

#include <map>
#include <string>

#include "generator/pipeline/compiler.h"

namespace symptree {

// What running the tests showed.
struct TestOutcomes {
  bool ran = false;                              // promtool was found and ran the tests
  std::string not_run_reason;                    // when !ran: why
  std::map<std::string, int> failed_by_alert;    // alert name -> failed test cases
  int failed = 0;                                // failed test cases in all
  std::string error;                             // promtool failed without naming a test
  std::string report;                            // promtool's output for the files with failures
};

// Runs the compilation's test files with `promtool`, `jobs` processes at once
// (each bounded by `timeout_seconds`).
TestOutcomes run_rule_tests(const Compilation& compilation, const std::string& promtool, int jobs,
                            int timeout_seconds);

// Reads promtool's output and counts its failures by alert: a failed alert
// check by its test's name ("<Alert>: <case>"), a failed check of a node's
// `host:flowchart_node:holds` record (promtool names no test for those) by the
// alert of the node it selects, through `alert_of_node` (node id -> alert name).
void parse_promtool_failures(const std::string& output, const std::map<std::string, std::string>& alert_of_node,
                             TestOutcomes& outcomes);

}  // namespace symptree
