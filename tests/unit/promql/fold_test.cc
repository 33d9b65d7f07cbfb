// Tests for generator/promql/fold: thresholds written as expressions.
#include "generator/promql/fold.h"

#include <doctest/doctest.h>

#include "generator/promql/parser.h"

using namespace symptree::promql;

namespace {

std::optional<Constant> folded(const std::string& text) {
  ParseResult r = parse_promql(text);
  REQUIRE_MESSAGE(r.ok(), text);
  return fold_constant(*r.expr);
}

std::string exact(const std::string& text) {
  auto c = folded(text);
  REQUIRE_MESSAGE(c.has_value(), text);
  return c->exact ? c->exact->to_string() : "inexact";
}

}  // namespace

TEST_CASE("scalar arithmetic folds to an exact decimal") {
  CHECK(exact("26 * 3600") == "93600");
  CHECK(exact("( 25 / 100 )") == "0.25");
  CHECK(exact("86400 * 14") == "1209600");
  CHECK(exact("2 * 1024 * 1024 * 1024") == "2147483648");
  CHECK(exact("0.1 + 0.2") == "0.3");
  CHECK(exact("-(5 - 7)") == "2");
  CHECK(exact("2 ^ 10") == "1024");
  CHECK(exact("2 ^ -2") == "0.25");
  CHECK(exact("7 % 3") == "1");
  CHECK(exact("-7 % 3") == "-1");
  CHECK(exact("1e3 / 8") == "125");
  CHECK(exact("0x10 * 2.5e-1") == "4");
  CHECK(exact("1 > bool 0") == "1");
}

TEST_CASE("what has no exact decimal keeps its float value") {
  auto third = folded("1 / 3");
  REQUIRE(third);
  CHECK(!third->exact);
  CHECK(third->value == doctest::Approx(1.0 / 3));
  CHECK(exact("1 / 0") == "inexact");
  CHECK(exact("2 ^ 0.5") == "inexact");
  CHECK(exact("NaN") == "inexact");
}

TEST_CASE("anything that is not a constant does not fold") {
  CHECK(!folded("time()"));
  CHECK(!folded("x * 2"));
  CHECK(!folded("scalar(x) * 2"));
  CHECK(!folded("vector(1)"));
}
