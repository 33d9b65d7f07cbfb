// Where planned test cases go: counted per rule, then handed to the sink.
#pragma once

#include <cstddef>
#include <utility>

#include "generator/model/test_cases.h"

namespace symptree {

// Counts each case for the rules it tests (in a plan whose cases_per_rule
// starts at rule `first`), then hands it to the sink.
class CaseRecorder {
 public:
  CaseRecorder(TestPlan& plan, size_t first, const TestCaseSink& sink) : plan_(plan), first_(first), sink_(sink) {}
  void add(const TestCase& test) {
    for (int rule : test.rules) ++plan_.cases_per_rule[static_cast<size_t>(rule) - first_];
    ++plan_.case_count;
    sink_(test);
  }
  void skip(SkippedCase skipped) { plan_.skipped.push_back(std::move(skipped)); }

 private:
  TestPlan& plan_;
  size_t first_;
  const TestCaseSink& sink_;
};

}  // namespace symptree
