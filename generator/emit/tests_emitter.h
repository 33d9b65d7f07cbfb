// prometheus/tests/<group>.test.yml: the test plan as promtool unit-test files,
// one per rule group, each loading only its group's rule file and those of the
// groups whose alerts its cases assert (a split section's first group, whose
// symptom alert a cause's case checks): each test evaluates only rules of its
// section (a node alert's tests need its section's records, an absence
// alert's nothing else), and the files can run in parallel.
#pragma once

#include <string>
#include <vector>

#include "generator/emit/yaml_writer.h"
#include "generator/model/test_cases.h"

namespace symptree {

// Writes test cases as they are planned: begin with the header, add() each
// case (usable as a TestCaseSink), then finish() with what the plan skipped.
class RuleTestsWriter {
 public:
  // `rule_files`: the rules files' paths relative to the test file.
  RuleTestsWriter(const Model& model, const std::vector<std::string>& rule_files, size_t expected_cases);
  void add(const TestCase& test);
  std::string finish(const TestPlan& plan);

 private:
  const Model& model_;
  YamlWriter out_;
};

// "prometheus/tests/<group>.test.yml", the test file of a rule group.
std::string rule_test_file_path(const std::string& group);

}  // namespace symptree
