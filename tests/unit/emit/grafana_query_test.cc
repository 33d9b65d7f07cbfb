// Tests for generator/emit/grafana_query: splitting conditions into panel
// queries and thresholds, adding the variable filters, choosing units.
#include <doctest/doctest.h>

#include "generator/emit/grafana_query.h"
#include "generator/emit/panel_unit.h"
#include "generator/promql/lexer.h"

using namespace symptree;

namespace {
const std::string kFilters = "job=~\"$job\"";
}

TEST_CASE("a simple comparison plots its metric with the number as written") {
  std::vector<PanelSignal> s = panel_signals("symptree_filesystem_used_ratio{name=\"data\"} > 0.950", kFilters);
  REQUIRE(s.size() == 1);
  CHECK(s[0].query == "symptree_filesystem_used_ratio{job=~\"$job\", name=\"data\"}");
  CHECK(s[0].op == ">");
  CHECK(s[0].threshold_text == "0.950");
  CHECK(s[0].unit == "percentunit");
}

TEST_CASE("or, and and unless split, a number on the left flips the comparison") {
  std::vector<PanelSignal> s = panel_signals("a_seconds > 93600 or on (host) 0 >= b_bytes unless c == -1", kFilters);
  REQUIRE(s.size() == 3);
  CHECK(s[0].query == "a_seconds{job=~\"$job\"}");
  CHECK(s[1].query == "b_bytes{job=~\"$job\"}");
  CHECK(s[1].op == "<=");
  CHECK(s[1].threshold_text == "0");
  CHECK(s[2].threshold_text == "-1");
}

TEST_CASE("a comparison between series shows both sides, without a threshold") {
  std::vector<PanelSignal> s =
      panel_signals("max by (host) (a) < on (host) group_left max by (host) (b{x=\"1\"})", kFilters);
  REQUIRE(s.size() == 2);
  CHECK(s[0].query == "max by (host) (a{job=~\"$job\"})");
  CHECK(s[0].threshold_text.empty());
  CHECK(s[1].query == "max by (host) (b{job=~\"$job\", x=\"1\"})");
  CHECK(s[1].reference);
}

TEST_CASE("comparisons inside parentheses and bool stay in the query") {
  std::vector<PanelSignal> s = panel_signals("(sum by (host) (rate(x_total[5m])) > bool 0) == 1", kFilters);
  REQUIRE(s.size() == 1);
  CHECK(s[0].query == "sum by (host) (rate(x_total{job=~\"$job\"}[5m])) > bool 0");
  CHECK(s[0].threshold_text == "1");
}

TEST_CASE("filters go into every selector and nowhere else") {
  CHECK(add_selector_filters("rate(x[5m] offset 1h)", kFilters) == "rate(x{job=~\"$job\"}[5m] offset 1h)");
  CHECK(add_selector_filters("{__name__=\"x\"}", kFilters) == "{job=~\"$job\", __name__=\"x\"}");
  CHECK(add_selector_filters("x{}", kFilters) == "x{job=~\"$job\"}");
  CHECK(add_selector_filters("sum without (le) (a) / ignoring (x) b", kFilters) ==
        "sum without (le) (a{job=~\"$job\"}) / ignoring (x) b{job=~\"$job\"}");
  CHECK(add_selector_filters("histogram_quantile(0.99, y_bucket)", kFilters) ==
        "histogram_quantile(0.99, y_bucket{job=~\"$job\"})");
  CHECK(add_selector_filters("label_replace(z, \"a\", \"$1\", \"b\", \"(.*)\")", kFilters) ==
        "label_replace(z{job=~\"$job\"}, \"a\", \"$1\", \"b\", \"(.*)\")");
}

TEST_CASE("units follow metric names and functions") {
  CHECK(grafana_unit("symptree_process_up{name=\"x\"}") == "bool");
  CHECK(grafana_unit("up") == "bool");
  CHECK(grafana_unit("symptree_filesystem_avail_bytes") == "bytes");
  CHECK(grafana_unit("deriv(symptree_directory_size_bytes[15m])") == "Bps");
  CHECK(grafana_unit("rate(net_received_bytes_total[5m])") == "Bps");
  CHECK(grafana_unit("sum(rate(errors_total[5m]))") == "cps");
  CHECK(grafana_unit("increase(errors_total[1h])") == "short");
  CHECK(grafana_unit("histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket[5m])))") == "s");
  CHECK(grafana_unit("cert_not_after_timestamp_seconds") == "dateTimeAsIso");
  CHECK(grafana_unit("queue_depth") == "short");
}

TEST_CASE("keywords in capitals split and filter as in lower case") {
  std::vector<PanelSignal> upper =
      panel_signals("MAX BY (host) (a) / SUM BY (host) (b) > (90 / 100) AND ON (host) c > 0", kFilters);
  std::vector<PanelSignal> lower =
      panel_signals("max by (host) (a) / sum by (host) (b) > (90 / 100) and on (host) c > 0", kFilters);
  REQUIRE(upper.size() == 2);
  REQUIRE(lower.size() == 2);
  CHECK(upper[0].query == "MAX BY (host) (a{job=~\"$job\"}) / SUM BY (host) (b{job=~\"$job\"})");
  CHECK(upper[0].threshold_text == "0.9");
  CHECK(upper[1].query == "c{job=~\"$job\"}");
  for (size_t i = 0; i < 2; ++i) {
    CHECK(lowercase_word(upper[i].query) == lowercase_word(lower[i].query));
    CHECK(upper[i].threshold_text == lower[i].threshold_text);
    CHECK(upper[i].unit == lower[i].unit);
  }
  CHECK(add_selector_filters("x OFFSET 5m > BOOL 1", kFilters) == "x{job=~\"$job\"} OFFSET 5m > BOOL 1");
}
