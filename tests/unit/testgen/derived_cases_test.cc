// Tests for generator/testgen with derived shapes: the series each case gets
// and the labels its expected alert carries (from label inference).
#include <doctest/doctest.h>

#include "generator/testgen/test_plan.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::vector<TestCase> cases_of(const std::string& text, const std::string& alert) {
  Diagnostics d;
  std::optional<Model> model = load(text, d);
  REQUIRE_MESSAGE(model, d.format());
  AlertPlan alerts = plan_alerts(*model);
  std::vector<TestCase> cases;
  std::optional<TestPlan> plan = plan_tests(*model, alerts, [&](const TestCase& c) {
    if (c.alert == alert) cases.push_back(c);
  }, d);
  REQUIRE_MESSAGE(plan, d.format());
  return cases;
}

std::string with_queue_condition(const std::string& when) {
  return replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: '" + when + "'");
}

}  // namespace

TEST_CASE("x - time() < N: a line rising a second a second, the alert keeps instance, job and the matchers") {
  std::string spec = replace(small_spec(), "when: 'symptree_filesystem_used_ratio{name=\"data\"} > 0.9'",
                             "when: 'symptree_filesystem_used_ratio{name=\"data\"} - time() < 0'");
  std::vector<TestCase> cases = cases_of(spec, "ShopDiskNearlyFull");
  REQUIRE(!cases.empty());
  bool found = false;
  for (const TestSeries& s : cases[0].series) {
    if (s.selector.find("symptree_filesystem_used_ratio") == 0 && s.values.rfind("-1+60x", 0) == 0) found = true;
  }
  CHECK(found);
  const ExpectedAlert& alert = cases[0].checks.back().expected.at(0);
  CHECK(alert.labels.at("host") == "host-a");
  CHECK(alert.labels.at("instance") == "host-a:9188");
  CHECK(alert.labels.at("name") == "data");
  CHECK(alert.labels.count("job") == 1);
}

TEST_CASE("rate() of one selector: a counter, fire time after the window fills, sum by (host) keeps host only") {
  std::vector<TestCase> cases = cases_of(with_queue_condition("sum by (host) (rate(shop_queue_depth[5m])) > 0.5"),
                                         "ShopQueueBacklog");
  REQUIRE(cases.size() >= 2);
  CHECK(cases[0].series.at(0).values.rfind("0+36x", 0) == 0);  // firing: 0.6 a second, 36 a minute
  CHECK(cases[1].series.at(0).values.rfind("0+30x", 0) == 0);  // silent: on the threshold
  const ExpectedAlert& alert = cases[0].checks.back().expected.at(0);
  CHECK(alert.labels.count("instance") == 0);
  CHECK(alert.labels.at("host") == "host-a");
}

TEST_CASE("thresholds as expressions and capital keywords derive like numbers") {
  std::vector<TestCase> cases = cases_of(with_queue_condition("MAX BY (host) (shop_queue_depth) > 10 * 100"),
                                         "ShopQueueBacklog");
  REQUIRE(cases.size() >= 2);
  CHECK(cases[0].series.at(0).values.rfind("1001+0x", 0) == 0);
  CHECK(cases[1].series.at(0).values.rfind("1000+0x", 0) == 0);
}

TEST_CASE("unless: silent when both sides hold") {
  std::vector<TestCase> cases =
      cases_of(with_queue_condition("shop_queue_depth > 1000 unless on (host) symptree_process_up{name=\"shop-api\"} == 0"),
               "ShopQueueBacklog");
  REQUIRE(cases.size() >= 2);
  CHECK(cases[1].checks.back().expected.empty());
  CHECK(cases[1].series.size() == 2);
}

// 0.8 * 100 is 80.00000000000001 in float64: the check runs on the scaled value,
// as Prometheus compares it, so the silent case does not sit where the alert holds.
TEST_CASE("a percentage (ratio * 100) derives: the ratio's series, checked as Prometheus scales it") {
  std::string spec = with_queue_condition(
      "sum by (host) (shop_queue_depth) / sum by (host) (symptree_filesystem_used_ratio{name=\"data\"}) * 100 > 80");
  std::vector<TestCase> cases = cases_of(spec, "ShopQueueBacklog");
  REQUIRE(cases.size() >= 2);
  CHECK_FALSE(cases[0].series.empty());
}

// Found in review: the line ignored the offset, so every value the silent case
// could use was 300 s too old and the case was skipped as "cannot occur".
TEST_CASE("time() - x offset 5m: the line is offset too, and the silent case is planned") {
  std::vector<TestCase> cases =
      cases_of(with_queue_condition("time() - shop_queue_depth offset 5m > 86400"), "ShopQueueBacklog");
  bool silent_own = false;
  for (const TestCase& c : cases) silent_own = silent_own || c.title.find("silent when its own condition") != std::string::npos;
  CHECK(silent_own);
}

// Found in review: a threshold whose rate needs more digits than a Decimal holds was read from an empty optional.
TEST_CASE("a rate threshold too fine for the series notation is not derived, and nothing crashes") {
  Diagnostics d;
  std::optional<Model> model = load(with_queue_condition("rate(shop_queue_depth[5m]) > 9.99999999999999"), d);
  REQUIRE(model);
  AlertPlan alerts = plan_alerts(*model);
  plan_tests(*model, alerts, [](const TestCase&) {}, d);
}
