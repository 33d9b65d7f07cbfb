// prometheus/rules.test.yml: the test plan as a promtool unit-test file.
#pragma once

#include <string>

#include "generator/testgen/test_plan.h"

namespace symptree {

// `rule_file` is the rules file's path relative to the test file.
std::string render_rule_tests(const Model& model, const TestPlan& plan, const std::string& rule_file);

}  // namespace symptree
