// Running the generated promtool tests and reading their failures.
#include "generator/report/test_outcomes.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>

#include "common/process.h"

namespace symptree {
namespace fs = std::filesystem;
namespace {

// Writes the rule and test files under a temporary directory, as they are
// laid out in the outputs; returns it with the test files' paths, or "".
std::string write_test_files(const Compilation& compilation, std::vector<std::string>& test_files) {
  std::string pattern = (fs::temp_directory_path() / "symptree-coverage.XXXXXX").string();
  if (!mkdtemp(pattern.data())) return "";
  for (const auto& [path, content] : compilation.outputs.files()) {
    bool rules = path.rfind(kRulesDir, 0) == 0, tests = path.rfind(kRuleTestsDir, 0) == 0;
    if (!rules && !tests) continue;
    fs::path target = fs::path(pattern) / path;
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    std::ofstream out(target, std::ios::binary);
    out << content;
    if (!out) return "";
    if (tests) test_files.push_back(target.string());
  }
  return pattern;
}

// Runs the test files on `jobs` promtool processes at once, each given every
// jobs-th file; the outputs in file order.
std::vector<ProcessResult> run_in_parallel(const std::string& promtool, const std::vector<std::string>& files,
                                           int jobs, int timeout_seconds) {
  size_t workers = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(std::max(jobs, 1)), files.size()));
  std::vector<std::future<ProcessResult>> running;
  for (size_t w = 0; w < workers; ++w) {
    std::vector<std::string> argv = {promtool, "test", "rules"};
    for (size_t i = w; i < files.size(); i += workers) argv.push_back(files[i]);
    running.push_back(std::async(std::launch::async, run_process, argv, timeout_seconds));
  }
  std::vector<ProcessResult> results;
  for (auto& result : running) results.push_back(result.get());
  return results;
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

TestOutcomes run_rule_tests(const Compilation& compilation, const std::string& promtool, int jobs,
                            int timeout_seconds) {
  TestOutcomes outcomes;
  if (!find_in_path(promtool)) {
    outcomes.not_run_reason = "promtool is not installed: test outcomes unknown";
    return outcomes;
  }
  std::vector<std::string> test_files;
  std::string dir = write_test_files(compilation, test_files);
  if (dir.empty()) {
    outcomes.not_run_reason = "cannot write the tests to a temporary directory";
    return outcomes;
  }
  std::vector<ProcessResult> results = run_in_parallel(promtool, test_files, jobs, timeout_seconds);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  for (const ProcessResult& result : results) {
    if (result.timed_out) {
      outcomes.not_run_reason = "promtool test rules did not finish within " + std::to_string(timeout_seconds) + " s";
      return outcomes;
    }
  }
  outcomes.ran = true;
  for (const ProcessResult& result : results) {
    int failed_before = outcomes.failed;
    parse_promtool_failures(result.output, outcomes);
    if (result.exit_code == 0 || outcomes.failed != failed_before) continue;
    // A promtool killed by a signal may print nothing: still never a success.
    outcomes.error += !result.output.empty() ? result.output
                      : result.exit_code < 0 ? std::string("promtool was killed before it printed anything\n")
                                             : "promtool exited with code " + std::to_string(result.exit_code) +
                                                   " and printed nothing\n";
  }
  return outcomes;
}

}  // namespace symptree
