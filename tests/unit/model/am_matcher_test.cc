// Tests for model/am_matcher: Alertmanager matchers parsed, printed and
// evaluated as Alertmanager does.
#include <doctest/doctest.h>

#include "generator/model/am_matcher.h"

using namespace symptree;

TEST_CASE("matchers parse, print and evaluate as Alertmanager's") {
  std::string error;
  std::optional<AmMatcher> m = parse_matcher(" severity =~ \"crit.*\"", error);
  REQUIRE(m);
  CHECK(format_matcher(*m) == "severity=~\"crit.*\"");
  CHECK(matches_all({*m}, {{"severity", "critical"}}));
  CHECK_FALSE(matches_all({*m}, {{"severity", "xcritical"}}));  // anchored
  CHECK(matches_all({*parse_matcher("team!=db", error)}, {}));   // absent reads as ""
  CHECK(format_matcher(label_equals("a", "x\"y")) == "a=\"x\\\"y\"");
  CHECK(one_of("node", {"a.b", "c"}).value == "a\\.b|c");
  CHECK_FALSE(parse_matcher("{a=b}", error));
  CHECK_FALSE(parse_matcher("a==b\"", error));
  CHECK_FALSE(parse_matcher("a=~\"(\"", error));
  CHECK_FALSE(parse_matcher("=b", error));
}
