// Tests for generator/promql/condition: the metrics a condition reads, whether its
// result keeps its input's labels, constant thresholds and series selectors.
#include "generator/promql/condition.h"

#include <doctest/doctest.h>

#include "generator/promql/lexer.h"

using namespace symptree;

namespace {
std::vector<std::string> metric_names(const std::string& expr) {
  std::vector<std::string> names;
  for (const MetricReference& ref : analyze_condition(expr).metrics) names.push_back(ref.name);
  return names;
}
}  // namespace

TEST_CASE("metrics are found, but not functions, labels, keywords or durations") {
  CHECK(metric_names("histogram_quantile(0.99, sum by (host, le) (rate(lat_bucket[5m]))) > 1") ==
        std::vector<std::string>{"lat_bucket"});
  CHECK(metric_names("a{job=\"x\"} > on (host) group_left (zone) b offset 5m unless c") ==
        std::vector<std::string>{"a", "b", "c"});
  CHECK(metric_names("sum without (instance) (x) > bool 2 or max(y) by (host)") ==
        std::vector<std::string>{"x", "y"});
  CHECK(metric_names("foo:bar:rate5m > 1 and foo:bar:rate5m < 3") == std::vector<std::string>{"foo:bar:rate5m"});
}

TEST_CASE("a metric's offset points at it in the expression") {
  ConditionAnalysis a = analyze_condition("rate(x_total[5m]) > 0");
  REQUIRE(a.metrics.size() == 1);
  CHECK(a.metrics[0].offset == 5);
}

TEST_CASE("label-keeping conditions are recognised") {
  CHECK(analyze_condition("deriv(x[15m]) > 1").keeps_series_labels);
  CHECK_FALSE(analyze_condition("sum by (host) (rate(x[5m])) > 1").keeps_series_labels);
  CHECK_FALSE(analyze_condition("x > on (host) y").keeps_series_labels);
}

TEST_CASE("syntax and type errors carry their offset, and leave no tree") {
  ConditionAnalysis a = analyze_condition("x{a=\"b} > 1");
  CHECK(a.error.find("unterminated quoted string") != std::string::npos);
  CHECK(a.error_offset == 4);
  CHECK(!a.ast);
  CHECK(analyze_condition("x > 1 ;").error_offset == 6);
  ConditionAnalysis unclosed = analyze_condition("sum(x > 1000");
  CHECK_FALSE(unclosed.error.empty());
  CHECK(analyze_condition("rate(x[5m] > 1").error_offset > 0);
}

TEST_CASE("a threshold written as a constant expression is a threshold") {
  // The right side of the comparison, as test_shape reads it.
  auto threshold = [](const std::string& expr) {
    ConditionAnalysis a = analyze_condition(expr);
    REQUIRE(static_cast<bool>(a.ast));
    return constant_threshold(a.ast->child(1), expr);
  };
  std::optional<ConstantThreshold> a = threshold("time_since_backup_seconds > 26 * 3600");
  REQUIRE(a);
  CHECK(a->text == "26 * 3600");
  CHECK(a->value.to_string() == "93600");
  std::optional<ConstantThreshold> b = threshold("used_ratio > ( 25 / 100 )");
  REQUIRE(b);
  CHECK(b->value.to_string() == "0.25");
  CHECK(b->text == "( 25 / 100 )");
  CHECK(threshold("x > 1e3")->text == "1e3");  // a lone number keeps its literal
  CHECK_FALSE(threshold("x > 1 / 3"));          // no exact decimal
  CHECK_FALSE(threshold("x > y"));
}

TEST_CASE("keywords in capitals, __name__ matchers and metrics in every position") {
  ConditionAnalysis a = analyze_condition("SUM BY (host) (rate(a_total[5m])) > ON (host) GROUP_LEFT {__name__=\"b\"}");
  REQUIRE(a.ast.get() != nullptr);
  std::vector<std::string> names;
  for (const MetricReference& ref : a.metrics) names.push_back(ref.name);
  CHECK(names == std::vector<std::string>{"a_total", "b"});
  CHECK(a.metrics[1].offset == 68);  // inside the quotes
  CHECK(analyze_condition("x - time() < 0").keeps_series_labels);
}

TEST_CASE("series selectors for examples") {
  std::optional<SeriesSelector> s = parse_series_selector("m{le=\"+Inf\",shard=\"7\"}");
  REQUIRE(s);
  CHECK(s->metric == "m");
  CHECK(s->labels.size() == 2);
  CHECK(s->labels[0].second == "+Inf");
  CHECK_FALSE(parse_series_selector("rate(m[5m])"));
  CHECK_FALSE(parse_series_selector("m{a=~\"x\"}"));
}

