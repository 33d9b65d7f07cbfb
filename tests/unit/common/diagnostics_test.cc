// Tests for common/diagnostics: formatting and "did you mean".
#include "common/diagnostics.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("diagnostics are formatted gcc-style and sorted by position") {
  Diagnostics d;
  d.error({"spec.yaml", 9, 3}, "second");
  d.error({"spec.yaml", 2, 7}, "first", "try this");
  CHECK(d.count() == 2);
  CHECK(d.format() == "spec.yaml:2:7: error: first\n    hint: try this\nspec.yaml:9:3: error: second\n");
}

TEST_CASE("a file-level diagnostic has no line or column") {
  Diagnostics d;
  d.error({"missing.yaml", 0, 0}, "cannot read file");
  CHECK(d.format() == "missing.yaml: error: cannot read file\n");
}

TEST_CASE("suggestions pick a close candidate or list them all") {
  CHECK(edit_distance("prority", "priority") == 1);
  CHECK(suggestion("prority", {"priority", "runbook"}) == "did you mean 'priority'?");
  CHECK(suggestion("zzz", {"a", "b"}) == "expected one of: a, b");
  CHECK(closest_match("symptree_proces_up", {"symptree_process_up", "up"}) == "symptree_process_up");
}

TEST_CASE("sorted orders by file, line and column, keeping the order of equal positions") {
  Diagnostics d;
  d.error({"b.yaml", 1, 1}, "b");
  d.error({"a.yaml", 3, 2}, "second at 3:2");
  d.error({"a.yaml", 3, 2}, "third at 3:2");
  d.error({"a.yaml", 3, 1}, "first");
  std::vector<Diagnostic> sorted = d.sorted();
  REQUIRE(sorted.size() == 4);
  CHECK(sorted[0].message == "first");
  CHECK(sorted[1].message == "second at 3:2");
  CHECK(sorted[2].message == "third at 3:2");
  CHECK(sorted[3].message == "b");
  CHECK(d.errors()[0].message == "b");  // the collection itself keeps the order found
}
