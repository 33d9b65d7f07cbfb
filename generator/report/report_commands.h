// The report folder's public header: the `explain` and `coverage` commands
// behind the CLI, which print a report of a compiled spec and return the
// command's exit code, and the summary `compile` prints (summary.h).
#pragma once

#include <ostream>
#include <string>

#include "generator/pipeline/compiler.h"
#include "generator/report/summary.h"

namespace symptree {

// Prints the explanation of `name`; 0, or 2 with a "did you mean" hint on `err`.
int print_explain(const Compilation& compilation, const std::string& name, std::ostream& out, std::ostream& err);

// What `coverage` should do.
struct CoverageOptions {
  bool json = false;
  bool run_tests = true;           // run promtool test rules on the generated tests
  std::string promtool = "promtool";
  int jobs = 1;                    // promtool processes at once (coverage -j; the CLI defaults to the cores)
  int timeout_seconds = 600;       // each promtool process
};

// Prints the coverage table (or JSON); 0, or 1 when a test failed or an alert has none.
int print_coverage(const Compilation& compilation, const CoverageOptions& options, std::ostream& out);

}  // namespace symptree
