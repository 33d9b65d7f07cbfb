// Tests for generator/promql: metrics read by a condition and simple comparisons.
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

TEST_CASE("simple comparisons and `or` of them are derivable") {
  ConditionAnalysis a = analyze_condition("up{job=\"api\", zone=\"a\"} == 0");
  REQUIRE(a.derivable());
  CHECK(a.alternatives[0].metric == "up");
  CHECK(a.alternatives[0].matchers.size() == 2);
  CHECK(a.alternatives[0].op == "==");
  CHECK(a.alternatives[0].threshold_text == "0");

  ConditionAnalysis b = analyze_condition("x > 5 or y{n=\"1\"} < -0.5");
  REQUIRE(b.alternatives.size() == 2);
  CHECK(b.alternatives[1].threshold_text == "-0.5");
}

TEST_CASE("anything else is not derivable") {
  for (const char* expr : {"rate(x[5m]) > 1", "x > bool 1", "x{a=~\"b.*\"} > 1", "x > 1 and y < 2", "x > y",
                           "x + 1 > 2", "x > 1e", "x"}) {
    CAPTURE(expr);
    CHECK_FALSE(analyze_condition(expr).derivable());
  }
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
  ConditionAnalysis a = analyze_condition("time_since_backup_seconds > 26 * 3600");
  REQUIRE(a.derivable());
  CHECK(a.alternatives[0].threshold_text == "26 * 3600");
  CHECK(a.alternatives[0].threshold.to_string() == "93600");
  ConditionAnalysis b = analyze_condition("used_ratio > ( 25 / 100 )");
  REQUIRE(b.derivable());
  CHECK(b.alternatives[0].threshold.to_string() == "0.25");
  CHECK(b.alternatives[0].threshold_text == "( 25 / 100 )");
  CHECK_FALSE(analyze_condition("x > 1 / 3").derivable());  // no exact decimal
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

TEST_CASE("a comparison over max, min or avg of one selector is derivable, with what it keeps") {
  ConditionAnalysis a = analyze_condition("max without (host, instance) (m{state=\"failed\"}) > 0");
  REQUIRE(a.derivable());
  REQUIRE(a.alternatives[0].aggregation);
  CHECK(a.alternatives[0].aggregation->op == "max");
  CHECK(a.alternatives[0].aggregation->without);
  CHECK(a.alternatives[0].aggregation->labels == std::vector<std::string>{"host", "instance"});
  CHECK(a.alternatives[0].aggregation->labels_offset == 4);
  using Labels = std::vector<std::pair<std::string, std::string>>;
  Labels input = {{"host", "a"}, {"instance", "a:1"}, {"job", "j"}, {"state", "failed"}};
  CHECK(a.alternatives[0].result_labels(input) == Labels{{"job", "j"}, {"state", "failed"}});

  ConditionAnalysis b = analyze_condition("avg(m) by (state) < 1");  // the grouping after the parentheses
  REQUIRE(b.derivable());
  CHECK(b.alternatives[0].result_labels({{"host", "a"}, {"state", "x"}}) == Labels{{"state", "x"}});
  CHECK(analyze_condition("min(m) == 0").alternatives[0].result_labels({{"host", "a"}}).empty());
  // Aggregations whose value depends on the number of hosts, or two groupings, are not.
  for (const char* expr : {"sum(m) > 1", "count by (x) (m) > 1", "max by (a) (m) by (b) > 1", "max(rate(m[5m])) > 1"}) {
    CAPTURE(expr);
    CHECK_FALSE(analyze_condition(expr).derivable());
  }
}
