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
