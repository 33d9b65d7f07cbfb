// Tests for generator/promql/test_shape: which conditions have derivable tests.
#include "generator/promql/test_shape.h"

#include <doctest/doctest.h>

#include "generator/promql/parser.h"

using namespace symptree;
using namespace symptree::promql;

namespace {
TestShape shape(const std::string& text, bool cluster = false) {
  std::optional<TestShape> s = test_shape_of(text, cluster);
  REQUIRE_MESSAGE(s, text);
  return *s;
}
}  // namespace

TEST_CASE("a selector or a value-keeping aggregation of it compared with a number") {
  TestShape s = shape("x{a=\"1\"} > 5");
  CHECK(s.kind == TestShape::Kind::Compare);
  CHECK(s.term.kind == TermKind::Value);
  CHECK(s.term.selector.metric == "x");
  CHECK(s.term.selector.matchers == std::vector<std::pair<std::string, std::string>>{{"a", "1"}});
  CHECK(s.op == ">");
  CHECK(s.threshold.to_string() == "5");
  CHECK(shape("MAX BY (host) (x) > 1.5").term.kind == TermKind::Value);
  CHECK(shape("avg without (instance) (x) < 2").term.selector.metric == "x");
}

TEST_CASE("a number on the left flips the operator") {
  TestShape s = shape("5 < x");
  CHECK(s.op == ">");
  CHECK(shape("0.5 >= x").op == "<=");
}

TEST_CASE("thresholds written as constant expressions fold to their exact decimal") {
  CHECK(shape("x > 26 * 3600").threshold.to_string() == "93600");
  CHECK(shape("x > ( 25 / 100 )").threshold.to_string() == "0.25");
  CHECK_FALSE(test_shape_of("x > 1 / 3", false));  // no exact decimal: nothing sits on the threshold
}

TEST_CASE("rate, irate, increase, delta and deriv of one selector") {
  TestShape s = shape("rate(x_total[5m]) > 0.1");
  CHECK(s.term.kind == TermKind::Rate);
  CHECK(s.term.range_ms == 300000);
  CHECK(shape("irate(x_total[1m]) > 0").term.kind == TermKind::Irate);
  CHECK(shape("increase(x_total[1h]) > 0").term.kind == TermKind::Increase);
  CHECK(shape("delta(x[10m]) < -3").term.kind == TermKind::Delta);
  CHECK(shape("deriv(x[15m]) > 1048576").term.kind == TermKind::Deriv);
  CHECK(shape("SUM BY (host) (rate(x_total[5m])) > 0").term.sums);
  CHECK_FALSE(test_shape_of("sum(rate(x_total[5m])) > 0", true));  // two hosts' rates would add up
}

TEST_CASE("timestamps compared with time()") {
  CHECK(shape("cert_not_after - time() < 7 * 86400").term.kind == TermKind::MinusTime);
  CHECK(shape("time() - last_success > 60").term.kind == TermKind::TimeMinus);
  CHECK_FALSE(test_shape_of("time() - time() > 60", false));
}

TEST_CASE("a ratio of two selectors or of two rates of the same window") {
  TestShape s = shape("in_use / max_conns > 0.9");
  CHECK(s.term.kind == TermKind::Ratio);
  CHECK(s.term.ratio_of == TermKind::Value);
  CHECK(s.term.divisor->metric == "max_conns");
  TestShape r = shape("sum by (host) (rate(err_total[5m])) / sum by (host) (rate(req_total[5m])) > 0.05");
  CHECK(r.term.ratio_of == TermKind::Rate);
  CHECK(r.term.selector.metric == "err_total");
  CHECK_FALSE(test_shape_of("rate(a[5m]) / rate(b[1m]) > 1", false));
  CHECK_FALSE(test_shape_of("rate(a[5m]) / irate(b[5m]) > 1", false));
}

TEST_CASE("and, unless, or of derivable parts, and absent()") {
  TestShape s = shape("x > 1000 AND ON (host) y > 0.9");
  CHECK(s.kind == TestShape::Kind::And);
  REQUIRE(s.parts.size() == 2);
  CHECK(s.parts[1].term.selector.metric == "y");
  CHECK(shape("irate(r[5m]) > 0 unless m == 1").kind == TestShape::Kind::Unless);
  CHECK(shape("x > 1 or y == 0").kind == TestShape::Kind::Or);
  TestShape a = shape("absent(up{job=\"x\"})");
  CHECK(a.kind == TestShape::Kind::Absent);
  CHECK(a.absent.metric == "up");
  CHECK_FALSE(test_shape_of("x > 1 and histogram_quantile(0.9, y) > 1", false));
}

TEST_CASE("offset is kept, @, regex matchers, bool and other functions are not derivable") {
  CHECK(shape("x OFFSET 1m > 1").term.offset_ms == 60000);
  CHECK_FALSE(test_shape_of("x @ 100 > 1", false));
  CHECK_FALSE(test_shape_of("x{a=~\"b.*\"} > 1", false));
  CHECK_FALSE(test_shape_of("x > bool 1", false));
  CHECK_FALSE(test_shape_of("predict_linear(x[1h], 3600) < 0", false));
  CHECK_FALSE(test_shape_of("x > y", false));
  CHECK_FALSE(test_shape_of("sum(x", false));
}

// Public rule sets write percentages: `a / b * 100 > 80`, `x * 8 > 1e9`, `x / 1024 > 5`.
TEST_CASE("a term scaled by a positive constant: the threshold in the term's unit, the scaling kept for the float check") {
  TestShape ratio = shape("sum by (host) (a) / sum by (host) (b) * 100 > 80");
  CHECK(ratio.term.kind == TermKind::Ratio);
  CHECK(ratio.threshold.to_string() == "0.8");
  REQUIRE(ratio.scaling);
  CHECK(ratio.scaling->factor == 100);
  CHECK_FALSE(ratio.scaling->divides);
  CHECK(ratio.scaling->threshold == 80);
  TestShape divided = shape("(x_bytes / 1024) < 5");
  CHECK(divided.threshold.to_string() == "5120");
  CHECK(divided.scaling->divides);
  CHECK(shape("8 * rate(x_total[5m]) > 1e9").term.kind == TermKind::Rate);
  CHECK(shape("(a / b) * 100 < (25 / 2)").threshold.to_string() == "0.125");
  CHECK_FALSE(shape("x > 5").scaling);
  CHECK_FALSE(test_shape_of("x * 3 > 1", false));     // 1/3: no exact threshold in the term's unit
  CHECK_FALSE(test_shape_of("x * -2 > 1", false));    // a negative factor would flip the comparison
  CHECK_FALSE(test_shape_of("100 / x > 1", false));   // not a scaled x
  CHECK_FALSE(test_shape_of("x * y > 1", false));
}

TEST_CASE("and/unless: a value one side's matcher fixes for a compared label is the other side's too") {
  using Matchers = std::vector<std::pair<std::string, std::string>>;
  TestShape s = shape("x{container=\"app\"} > 2 and on (pod, container) y{reason=\"OOM\"} == 1");
  CHECK(s.parts[0].term.selector.matchers == Matchers{{"container", "app"}});
  CHECK(s.parts[1].term.selector.matchers == Matchers{{"reason", "OOM"}, {"container", "app"}});
  // on (...) compares only its labels: reason stays on its side.
  // Without on (...), every label is compared but those ignored.
  TestShape all = shape("x{a=\"1\"} > 2 unless ignoring (b) y{b=\"2\"} > 1");
  CHECK(all.parts[1].term.selector.matchers == Matchers{{"b", "2"}, {"a", "1"}});
  CHECK(all.parts[0].term.selector.matchers == Matchers{{"a", "1"}});
  CHECK(shape("x{a=\"1\"} > 2 and on () y > 1").parts[1].term.selector.matchers.empty());
  CHECK(shape("x{a=\"1\"} > 2 or y > 1").parts[1].term.selector.matchers.empty());  // `or` matches nothing
}

namespace {
// The part underivable_part() blames in `text`: "what@offset", or "" for none.
std::string blamed(const std::string& text, bool cluster = false) {
  ParseResult parsed = parse_promql(text);
  REQUIRE_MESSAGE(parsed.ok(), text);
  Underivable part = underivable_part(*parsed.expr, cluster);
  return part.at ? part.what + "@" + std::to_string(part.start) : "";
}
}  // namespace

TEST_CASE("an underivable condition names the part symptree does not drive, at its offset") {
  CHECK(blamed("avg by (host) (rate(node_cpu_seconds_total{mode!=\"idle\"}[2m])) > .8") ==
        "the matcher mode!=\"idle\"@43");
  CHECK(blamed("max_over_time(x[1m]) / y * 100 > 60") == "max_over_time()@0");
  CHECK(blamed("count by (host) (x) > 3") == "count@0");
  CHECK(blamed("sum(x) > 3", true) == "sum across the cluster@0");
  // Every part derivable alone, the combination not: no single part to blame.
  CHECK(blamed("x + y > 3") == "");
  CHECK(blamed("sum(x) > 3") == "");
}
