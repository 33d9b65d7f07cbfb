// Running the generated promtool tests and reading their failures.
#include "generator/report/test_outcomes.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/process.h"

namespace symptree {
namespace fs = std::filesystem;
namespace {

// Writes the files promtool needs; returns the directory, or "" on failure.
std::string write_test_files(const Compilation& compilation) {
  std::string pattern = (fs::temp_directory_path() / "symptree-coverage.XXXXXX").string();
  if (!mkdtemp(pattern.data())) return "";
  for (const char* path : {kRulesPath, kRuleTestsPath}) {
    std::ofstream out(fs::path(pattern) / fs::path(path).filename(), std::ios::binary);
    out << compilation.outputs.files().at(path);
    if (!out) return "";
  }
  return pattern;
}

}  // namespace

void parse_promtool_failures(const std::string& output, TestOutcomes& outcomes) {
  std::istringstream lines(output);
  std::string line;
  std::set<std::string> failed_tests;
  const std::string key = "name: ";
  while (std::getline(lines, line)) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line.compare(start, key.size(), key) != 0) continue;
    std::string name = line.substr(start + key.size());
    if (!name.empty() && name.back() == ',') name.pop_back();
    if (!failed_tests.insert(name).second) continue;
    ++outcomes.failed_by_alert[name.substr(0, name.find(": "))];
    ++outcomes.failed;
  }
}

TestOutcomes run_rule_tests(const Compilation& compilation, const std::string& promtool, int timeout_seconds) {
  TestOutcomes outcomes;
  if (!find_in_path(promtool)) {
    outcomes.not_run_reason = "promtool is not installed: test outcomes unknown";
    return outcomes;
  }
  std::string dir = write_test_files(compilation);
  if (dir.empty()) {
    outcomes.not_run_reason = "cannot write the tests to a temporary directory";
    return outcomes;
  }
  std::string tests = (fs::path(dir) / fs::path(kRuleTestsPath).filename()).string();
  ProcessResult result = run_process({promtool, "test", "rules", tests}, timeout_seconds);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  if (result.timed_out) {
    outcomes.not_run_reason = "promtool test rules did not finish within " + std::to_string(timeout_seconds) + " s";
    return outcomes;
  }
  outcomes.ran = true;
  parse_promtool_failures(result.output, outcomes);
  if (result.exit_code != 0 && outcomes.failed == 0) {
    // A promtool killed by a signal may print nothing: still never a success.
    outcomes.error = !result.output.empty() ? result.output
                     : result.exit_code < 0 ? std::string("promtool was killed before it printed anything")
                                            : "promtool exited with code " + std::to_string(result.exit_code) +
                                                  " and printed nothing";
  }
  return outcomes;
}

}  // namespace symptree
