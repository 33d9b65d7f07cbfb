// Tests for generator/testgen/value_solver: values on the threshold's edge.
#include "generator/testgen/value_solver.h"

#include <doctest/doctest.h>

using namespace symptree;

namespace {
std::string solve(std::vector<ValueConstraint> constraints) {
  std::optional<Decimal> value = solve_value(constraints);
  return value ? value->to_string() : "none";
}
Decimal d(const char* text) { return *Decimal::parse(text); }
}  // namespace

TEST_CASE("a value sits one written unit past the threshold, or on it") {
  CHECK(solve({{">", d("0.95"), true}}) == "0.96");
  CHECK(solve({{">", d("0.95"), false}}) == "0.95");
  CHECK(solve({{">=", d("100"), true}}) == "100");
  CHECK(solve({{"<", d("104857600"), true}}) == "104857599");
  CHECK(solve({{"==", d("0"), true}}) == "0");
  CHECK(solve({{"==", d("0"), false}}) == "1");
  CHECK(solve({{"==", d("1"), false}}) == "0");
  CHECK(solve({{"!=", d("2"), true}}) == "1");
}

TEST_CASE("a cause and its symptom reading one series get a value satisfying both") {
  // Disk > 98% (cause) under disk > 95% (symptom).
  CHECK(solve({{">", d("0.98"), true}, {">", d("0.95"), true}}) == "0.99");
  CHECK(solve({{">", d("0.98"), false}, {">", d("0.95"), true}}) == "0.98");
  CHECK(solve({{">", d("5"), true}, {"<", d("5.001"), true}}) == "5.0005");
}

TEST_CASE("contradictions have no value") {
  CHECK(solve({{">", d("0.98"), true}, {">", d("0.95"), false}}) == "none");
  CHECK(solve({{"==", d("1"), true}, {"==", d("2"), true}}) == "none");
}
