// Tests for generator/promql/regex_syntax: Go's RE2 syntax errors and empty matches.
#include "generator/promql/regex_syntax.h"

#include <doctest/doctest.h>

using namespace symptree::promql;

TEST_CASE("regexes Go compiles are accepted") {
  for (const char* re : {"a|b", "(?i)get", "(?P<n>x)", "[a-z]+", "[]a]", "[[:alpha:]]", "\\d+", "\\pL", "x{2,3}",
                         "a{,3}", "\\Qa.b\\E", "\\x41", "\\x{263a}", "^$", "(a|)", "\\12", "\\0"}) {
    CHECK_MESSAGE(!regex_error(re), re);
  }
}

TEST_CASE("regexes Go refuses are refused with Go's message") {
  CHECK(*regex_error("a**") == "invalid nested repetition operator: `**`");
  CHECK(*regex_error("(") == "missing closing ): `^(?:()$`");  // Prometheus compiles ^(?:re)$ first
  CHECK(*regex_error("a)") == "unexpected ): `^(?:a))$`");
  CHECK(*regex_error("a)|(b") == "unexpected ): `a)|(b`");  // valid anchored, invalid alone
  CHECK(regex_error("\\Qx"));                                 // valid alone, invalid anchored
  CHECK(*regex_error("*a") == "missing argument to repetition operator: `*`");
  CHECK(*regex_error("[z-a]") == "invalid character class range: `z-a`");
  CHECK(*regex_error("a{1001}") == "invalid repeat count: `{1001}`");
  CHECK(*regex_error("\\q") == "invalid escape sequence: `\\q`");
  CHECK(*regex_error("\\1") == "invalid escape sequence: `\\1`");
  CHECK(regex_error("(?<n>x)"));
  CHECK(regex_error("[[:foo:]]"));
  CHECK(regex_error("x\\"));
  CHECK(regex_error("\xff"));
}

TEST_CASE("whether a regex matches the empty string") {
  CHECK(regex_matches_empty(".*"));
  CHECK(regex_matches_empty("a|"));
  CHECK(regex_matches_empty("(a|b)?"));
  CHECK(regex_matches_empty("a{0}"));
  CHECK(regex_matches_empty("^$"));
  CHECK(!regex_matches_empty(".+"));
  CHECK(!regex_matches_empty("a*b"));
  CHECK(!regex_matches_empty("\\b"));
  CHECK(!regex_matches_empty("[a]*x"));
}

TEST_CASE("absurdly nested groups are refused as Go refuses them, not a crash") {
  std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
  std::optional<std::string> error = regex_error(deep);
  REQUIRE(error);
  CHECK(error->rfind("expression nests too deeply", 0) == 0);
  CHECK(!regex_error(std::string(100, '(') + "a" + std::string(100, ')')));
}
