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
#include "generator/model/alert_labels.h"

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

// The node a failed record check selects: N in `expr: "...flowchart_node=\"N\"...", time: T,`.
std::string selected_node(const std::string& line) {
  const std::string key = std::string(kNodeLabel) + "=\\\"";
  size_t start = line.find(key);
  if (start == std::string::npos) return "";
  start += key.size();
  size_t end = line.find('\\', start);
  return end == std::string::npos ? "" : line.substr(start, end - start);
}

}  // namespace

void parse_promtool_failures(const std::string& output, const std::map<std::string, std::string>& alert_of_node,
                             TestOutcomes& outcomes) {
  std::istringstream lines(output);
  std::string line;
  std::set<std::string> seen;  // a failure promtool repeats is one
  const std::string name_key = "name: ", expr_key = "expr: ";
  while (std::getline(lines, line)) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    std::string alert;
    if (line.compare(start, name_key.size(), name_key) == 0) {
      std::string name = line.substr(start + name_key.size());
      if (!name.empty() && name.back() == ',') name.pop_back();
      alert = name.substr(0, name.find(": "));
    } else if (line.compare(start, expr_key.size(), expr_key) == 0) {
      auto found = alert_of_node.find(selected_node(line));
      alert = found == alert_of_node.end() ? "" : found->second;
    } else {
      continue;
    }
    if (!seen.insert(line).second) continue;
    if (!alert.empty()) ++outcomes.failed_by_alert[alert];
    ++outcomes.failed;
  }
}

namespace {

// Node id -> the name of its alert.
std::map<std::string, std::string> alerts_by_node(const Compilation& compilation) {
  std::map<std::string, std::string> alerts;
  for (const AlertRule& rule : compilation.alerts.rules) {
    if (rule.node >= 0) alerts[compilation.model.nodes[rule.node].id] = rule.name;
  }
  return alerts;
}

}  // namespace

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
  std::map<std::string, std::string> alert_of_node = alerts_by_node(compilation);
  for (const ProcessResult& result : results) {
    int failed_before = outcomes.failed;
    parse_promtool_failures(result.output, alert_of_node, outcomes);
    if (outcomes.failed != failed_before) outcomes.report += result.output;
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
