// prometheus/tests/<group>.test.yml: the test plan as promtool unit-test files,
// one per rule group, each loading only its group's rule file: each test
// evaluates only the rules of its section (a node alert's tests need its
// section's records, an absence alert's nothing else), and the files can run
// in parallel.
#pragma once

#include <string>

#include "generator/emit/yaml_writer.h"
#include "generator/model/test_cases.h"

namespace symptree {

// Writes test cases as they are planned: begin with the header, add() each
// case (usable as a TestCaseSink), then finish() with what the plan skipped.
class RuleTestsWriter {
 public:
  // `rule_file` is the rules file's path relative to the test file.
  RuleTestsWriter(const Model& model, const std::string& rule_file, size_t expected_cases);
  void add(const TestCase& test);
  std::string finish(const TestPlan& plan);

 private:
  const Model& model_;
  YamlWriter out_;
};

// "prometheus/tests/<group>.test.yml", the test file of a rule group.
std::string rule_test_file_path(const std::string& group);

}  // namespace symptree
