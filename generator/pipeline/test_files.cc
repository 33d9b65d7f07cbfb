// Planning and writing the test files, a task per rule group.
#include "generator/pipeline/test_files.h"

#include "generator/emit/tests_emitter.h"

namespace symptree {

TestFilesJob::TestFilesJob(const Model& model, const AlertPlan& alerts, const OutputSet& files)
    : model_(model), alerts_(alerts), ranges_(rule_group_ranges(alerts)) {
  results_.resize(ranges_.size());
  for (GroupResult& result : results_) result.files = files.sibling();
}

std::vector<std::function<void()>> TestFilesJob::tasks() {
  std::vector<std::function<void()>> tasks;
  for (size_t group = 0; group < ranges_.size(); ++group) tasks.push_back([this, group] { plan_group(group); });
  return tasks;
}

// Plans the group's range and renders its test file.
void TestFilesJob::plan_group(size_t group) {
  RuleRange range = ranges_[group];
  GroupResult& result = results_[group];
  std::vector<std::string> rule_files;
  for (const std::string& tested : rule_groups_tested(model_, alerts_, range)) rule_files.push_back("../rules/" + tested + ".yml");
  // About four cases per alert; the writer reserves address space, not memory.
  RuleTestsWriter writer(model_, rule_files, (range.last - range.first) * 4);
  result.plan = plan_range_tests(model_, alerts_, range, [&](const TestCase& test) { writer.add(test); },
                                 result.diagnostics);
  // The file lists the group's skipped cases.
  result.files.add(rule_test_file_path(alerts_.rules[range.first].group), writer.finish(result.plan));
  result.done = true;
}

std::optional<TestPlan> TestFilesJob::finish(OutputSet& outputs, Diagnostics& diagnostics) {
  TestPlan plan;
  size_t errors_before = diagnostics.count();
  for (size_t group = 0; group < results_.size(); ++group) {
    if (!results_[group].done) plan_group(group);
    GroupResult& result = results_[group];
    append_plan(plan, std::move(result.plan));
    for (const Diagnostic& error : result.diagnostics.errors()) diagnostics.error(error.where, error.message, error.hint);
    outputs.merge(std::move(result.files));
  }
  if (diagnostics.count() > errors_before) return std::nullopt;
  return plan;
}

}  // namespace symptree
