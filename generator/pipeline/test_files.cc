// Planning and writing the test files, the rule groups shared among threads.
#include "generator/pipeline/test_files.h"

#include <atomic>
#include <thread>
#include <vector>

#include "generator/emit/tests_emitter.h"
#include "generator/testgen/test_plan.h"

namespace symptree {
namespace {

// What planning one rule group produced, kept until every group is done.
struct GroupResult {
  TestPlan plan;
  Diagnostics diagnostics;
};

// Plans the group `range` and renders its test file into `files`.
GroupResult plan_group(const Model& model, const AlertPlan& alerts, RuleRange range, OutputSet& files) {
  const std::string& group = alerts.rules[range.first].group;
  std::vector<std::string> rule_files;
  for (const std::string& tested : rule_groups_tested(model, alerts, range)) rule_files.push_back("../rules/" + tested + ".yml");
  // About four cases per alert; the writer reserves address space, not memory.
  RuleTestsWriter writer(model, rule_files, (range.last - range.first) * 4);
  GroupResult result;
  result.plan = plan_range_tests(model, alerts, range, [&](const TestCase& test) { writer.add(test); },
                                 result.diagnostics);
  files.add(rule_test_file_path(group), writer.finish(result.plan));  // the file lists the group's skipped cases
  return result;
}

}  // namespace

std::optional<TestPlan> plan_test_files(const Model& model, const AlertPlan& alerts, unsigned threads,
                                        OutputSet& outputs, Diagnostics& diagnostics) {
  std::vector<RuleRange> ranges = rule_group_ranges(alerts);
  std::vector<GroupResult> results(ranges.size());
  std::vector<OutputSet> files(std::max(1u, threads), outputs.sibling());
  std::atomic<size_t> next{0};
  auto work = [&](size_t worker) {
    for (size_t i = next++; i < ranges.size(); i = next++) results[i] = plan_group(model, alerts, ranges[i], files[worker]);
  };
  std::vector<std::thread> helpers;
  for (size_t worker = 1; worker < files.size() && worker < ranges.size(); ++worker) helpers.emplace_back(work, worker);
  work(0);
  for (std::thread& helper : helpers) helper.join();

  TestPlan plan;
  size_t errors_before = diagnostics.count();
  for (GroupResult& result : results) {
    append_plan(plan, std::move(result.plan));
    for (const Diagnostic& error : result.diagnostics.errors()) diagnostics.error(error.where, error.message, error.hint);
  }
  for (OutputSet& set : files) outputs.merge(std::move(set));
  if (diagnostics.count() > errors_before) return std::nullopt;
  return plan;
}

}  // namespace symptree
