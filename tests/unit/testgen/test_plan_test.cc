// Tests for generator/testgen: which cases each alert gets and their series.
#include "generator/testgen/test_plan.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The planned cases of the small spec (or a variation), collected.
struct Planned {
  Model model;
  AlertPlan alerts;
  TestPlan plan;
  std::vector<TestCase> cases;

  std::vector<const TestCase*> of(const std::string& alert) const {
    std::vector<const TestCase*> result;
    for (const TestCase& c : cases) {
      if (c.alert == alert) result.push_back(&c);
    }
    return result;
  }
};

Planned plan(const std::string& text) {
  Diagnostics d;
  Planned p{*load(text, d), {}, {}, {}};
  p.alerts = plan_alerts(p.model);
  std::optional<TestPlan> plan = plan_tests(p.model, p.alerts, [&](const TestCase& c) { p.cases.push_back(c); }, d);
  REQUIRE_MESSAGE(plan, d.format());
  p.plan = *plan;
  return p;
}

bool has_series(const TestCase& c, const std::string& selector, const std::string& values) {
  for (const TestSeries& s : c.series) {
    if (s.selector == selector && s.values == values) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a symptom gets: fires at `for` and silent before, silent when its condition is false") {
  Planned p = plan(small_spec());
  auto cases = p.of("ShopApiDown");
  REQUIRE(cases.size() == 2);
  REQUIRE(cases[0]->checks.size() == 2);
  CHECK(cases[0]->checks[0].eval_ms == 60000);  // for: 2m, interval 1m
  CHECK(cases[0]->checks[0].expected.empty());
  CHECK(cases[0]->checks[1].eval_ms == 120000);
  REQUIRE(cases[0]->checks[1].expected.size() == 1);
  const ExpectedAlert& alert = cases[0]->checks[1].expected[0];
  CHECK(alert.labels.at("name") == "shop-api");
  CHECK(alert.labels.at("instance") == "host-a:9188");
  CHECK(alert.annotations.at("description").find("On host host-a:") == 0);
  CHECK(has_series(*cases[0], "symptree_process_up{host=\"host-a\",instance=\"host-a:9188\",job=\"symptree-exporter\",name=\"shop-api\"}", "0+0x4"));
  CHECK(has_series(*cases[1], "symptree_process_up{host=\"host-a\",instance=\"host-a:9188\",job=\"symptree-exporter\",name=\"shop-api\"}", "1+0x4"));
}

TEST_CASE("a deep cause gets one case for its false ancestors, each on a host of its own, and one with its ancestors on another host") {
  Planned p = plan(small_spec());
  auto cases = p.of("ShopDiskNearlyFull");
  REQUIRE(cases.size() == 4);
  CHECK(cases[1]->title == "silent when its own condition does not hold, while its parent's alert fires");
  // The parent's alert is asserted to fire in that case: the symptom carries it.
  REQUIRE(cases[1]->checks.size() == 2);
  CHECK(cases[1]->checks[1].alertname == "ShopPortTaken");
  CHECK(cases[1]->checks[1].expected.size() == 1);
  CHECK(cases[2]->title ==
        "silent when any one ancestor does not hold, each on a host of its own ('port_taken', 'api_down')");
  // host-a: port_taken false, api_down holds; host-b: api_down false, port_taken holds; the cause holds on both.
  CHECK(has_series(*cases[2], "symptree_port_foreign_owner{host=\"host-a\",instance=\"host-a:9188\",job=\"symptree-exporter\",port=\"8080\"}", "0+0x4"));
  CHECK(has_series(*cases[2], "symptree_process_up{host=\"host-a\",instance=\"host-a:9188\",job=\"symptree-exporter\",name=\"shop-api\"}", "0+0x4"));
  CHECK(has_series(*cases[2], "symptree_port_foreign_owner{host=\"host-b\",instance=\"host-b:9188\",job=\"symptree-exporter\",port=\"8080\"}", "1+0x4"));
  CHECK(has_series(*cases[2], "symptree_process_up{host=\"host-b\",instance=\"host-b:9188\",job=\"symptree-exporter\",name=\"shop-api\"}", "1+0x4"));
  CHECK(has_series(*cases[2], "symptree_filesystem_used_ratio{host=\"host-b\",instance=\"host-b:9188\",job=\"symptree-exporter\",name=\"data\"}", "1+0x4"));
  REQUIRE(cases[2]->checks.size() == 1);
  CHECK(cases[2]->checks[0].expected.empty());
  CHECK(cases[3]->title == "silent when its ancestors hold only on another host");
  CHECK(has_series(*cases[3], "symptree_process_up{host=\"host-b\",instance=\"host-b:9188\",job=\"symptree-exporter\",name=\"shop-api\"}", "0+0x4"));
  CHECK(has_series(*cases[3], "symptree_process_up{host=\"host-a\",instance=\"host-a:9188\",job=\"symptree-exporter\",name=\"shop-api\"}", "1+0x4"));
  // Thresholds are probed at the edge: 0.9 is quiet, one written unit above (1) fires.
  CHECK(has_series(*cases[0], "symptree_filesystem_used_ratio{host=\"host-a\",instance=\"host-a:9188\",job=\"symptree-exporter\",name=\"data\"}", "1+0x4"));
  CHECK(has_series(*cases[1], "symptree_filesystem_used_ratio{host=\"host-a\",instance=\"host-a:9188\",job=\"symptree-exporter\",name=\"data\"}", "0.9+0x4"));
}

TEST_CASE("a cause and its symptom come from different scrape targets and still join") {
  Planned p = plan(small_spec());
  auto cases = p.of("ShopErrorsRising");
  REQUIRE(!cases.empty());
  const ExpectedAlert& alert = cases[0]->checks.back().expected.at(0);
  CHECK(alert.labels.at("host") == "host-a");
  CHECK(alert.labels.count("instance") == 0);  // aggregated by host
  CHECK(cases[0]->checks.back().eval_ms == 120000);  // warmup 1m + for 1m
  CHECK(has_series(*cases[0], "shop_request_errors_total{host=\"host-a\",instance=\"host-a:service\",job=\"shop\"}", "0+60x20"));
}

TEST_CASE("a cause that implies its ancestor skips the impossible cases and says so") {
  std::string text = replace(small_spec(), "when: 'symptree_filesystem_used_ratio{name=\"data\"} > 0.9'",
                             "when: 'symptree_port_foreign_owner{port=\"8080\"} == 1'");
  Planned p = plan(text);
  auto cases = p.of("ShopDiskNearlyFull");
  CHECK(cases.size() == 2);  // fires; silent when api_down does not hold
  CHECK(p.plan.skipped.size() == 3);
}

TEST_CASE("a cause that can never hold with its ancestors is an error") {
  Diagnostics d;
  std::string text = replace(small_spec(), "when: 'symptree_filesystem_used_ratio{name=\"data\"} > 0.9'",
                             "when: 'symptree_port_foreign_owner{port=\"8080\"} == 2'");
  Model model = *load(text, d);
  AlertPlan alerts = plan_alerts(model);
  CHECK_FALSE(plan_tests(model, alerts, [](const TestCase&) {}, d));
  CHECK(d.format().find("the condition of 'disk_nearly_full' can never hold together with its ancestors' conditions") !=
        std::string::npos);
}

TEST_CASE("a symptom reading a metric in two ways is one error at the symptom, not one more for each cause under it") {
  Diagnostics d;
  std::string text = replace(small_spec(), "when: 'shop_queue_depth > 1000'",
                             "when: 'shop_queue_depth / shop_queue_limit * 100 > 90 and shop_queue_limit > 0'");
  text = replace(text, "app_metrics: [shop_request_errors_total, shop_queue_depth]",
                 "app_metrics: [shop_request_errors_total, shop_queue_depth, shop_queue_limit]");
  Model model = *load(text, d);
  AlertPlan alerts = plan_alerts(model);
  CHECK_FALSE(plan_tests(model, alerts, [](const TestCase&) {}, d));
  REQUIRE(d.count() == 1);
  CHECK(d.errors()[0].message.find("cannot build tests for 'queue_backlog': 'queue_backlog' reads shop_queue_limit in "
                                   "two ways") == 0);
  CHECK(d.errors()[0].message.find("give it examples of shop_queue_limit") != std::string::npos);
}

TEST_CASE("absence alerts are tested together: all fire with only `up`, none with every metric") {
  Planned p = plan(small_spec());
  auto cases = p.of("ShopMetricAbsent");
  REQUIRE(cases.size() == 2);
  CHECK(cases[0]->checks.back().expected.size() == 5);
  CHECK(cases[0]->series.size() == 1);
  CHECK(cases[1]->series.size() == 6);
  CHECK(p.plan.cases_per_rule.back() == 2);
  CHECK(p.plan.case_count == p.cases.size());
}

TEST_CASE("the planner skips, without crashing, a path with an untestable node (check_model reports it)") {
  Diagnostics d;
  Model model = *load(replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'predict_linear(shop_queue_depth[1h], 3600) > 1000'"), d);
  AlertPlan alerts = plan_alerts(model);
  std::vector<std::string> tested;
  REQUIRE(plan_tests(model, alerts, [&](const TestCase& c) { tested.push_back(c.alert); }, d));
  CHECK(std::count(tested.begin(), tested.end(), "ShopQueueBacklog") == 0);
  CHECK(std::count(tested.begin(), tested.end(), "ShopErrorsRising") == 0);  // its parent cannot be built
  CHECK(std::count(tested.begin(), tested.end(), "ShopApiDown") == 2);
}

TEST_CASE("a cause summing its per-queue parent's metric over the host: one series a host, and the rest said") {
  std::string text = R"(version: 1
service: rmq
runbooks: {base_url: "https://rb.example.com/"}
priorities:
  P1: {response: 30m, severity: critical, receiver: pager}
receivers:
  pager: {webhook: {url: "http://127.0.0.1:9095/p"}}
sources:
  - {name: rabbit, job: rabbitmq, labels: [host, vhost, queue], prefixes: [rabbitmq_]}
symptoms:
  - id: lag
    title: Backlog
    priority: P1
    runbook: a.md
    join_on: [host, vhost, queue]
    when: 'rabbitmq_queue_messages_ready > 1000'
    causes:
      - id: node_backlog
        title: Node-wide backlog
        runbook: a.md
        join_on: [host]
        when: 'sum by (host) (rabbitmq_queue_messages_ready) > 50000'
)";
  Planned p = plan(text);
  auto cases = p.of("RmqNodeBacklog");
  REQUIRE(cases.size() == 2);  // fires; silent when its own condition does not hold
  const std::string queue_a = "rabbitmq_queue_messages_ready{host=\"host-a\",instance=\"host-a:rabbit\",job=\"rabbitmq\","
                              "queue=\"queue-a\",vhost=\"vhost-a\"}";
  CHECK(cases[0]->series.size() == 1);
  CHECK(has_series(*cases[0], queue_a, "50001+0x3"));  // over both thresholds
  CHECK(has_series(*cases[1], queue_a, "50000+0x3"));  // on the cause's threshold, over the parent's
  REQUIRE(cases[0]->checks.back().expected.size() == 1);
  CHECK(cases[0]->checks.back().expected[0].series_labels == std::map<std::string, std::string>{{"host", "host-a"}});
  // The parent's alert fires for the queue in the cause's silent case.
  REQUIRE(cases[1]->checks.back().expected.size() == 1);
  CHECK(cases[1]->checks.back().expected[0].series_labels.at("queue") == "queue-a");
  // Its ancestor false while it holds needs 51 queues of at most 1000: said, not claimed implied.
  REQUIRE(p.plan.skipped.size() == 2);
  for (const SkippedCase& skipped : p.plan.skipped) {
    CHECK(skipped.reason.find("a sum over several series is not derived: give 'node_backlog' examples") !=
          std::string::npos);
    CHECK(skipped.reason.find("implies") == std::string::npos);
  }
}
