// Tests for testgen/scenario: facts about nodes on two hosts become promtool
// input series, derived from simple comparisons or copied from examples;
// contradictions and clashing series are refused.
#include "generator/testgen/scenario.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The series of `builder` by selector.
std::map<std::string, std::string> by_selector(ScenarioBuilder& builder, int samples) {
  std::optional<std::vector<TestSeries>> series = builder.build(samples);
  REQUIRE(series);
  std::map<std::string, std::string> out;
  for (const TestSeries& s : *series) out[s.selector] = s.values;
  return out;
}

}  // namespace

TEST_CASE("selectors: labels sorted, values quoted, host labels per test host") {
  CHECK(series_selector("m", {{"b", "2"}, {"a", "x\"y"}}) == "m{a=\"x\\\"y\",b=\"2\"}");
  Model model = load_ok(small_spec());
  CHECK(host_labels(model, TestHost::A) == std::map<std::string, std::string>{{"host", "host-a"}});
  model.join_on = {"host", "dc"};
  CHECK(host_labels(model, TestHost::B) == std::map<std::string, std::string>{{"dc", "dc-b"}, {"host", "host-b"}});
}

TEST_CASE("a derived fact: the exporter's series on that host, holding or not") {
  Model model = load_ok(small_spec());
  ScenarioBuilder builder(model);
  std::string error;
  REQUIRE(builder.add(0, TestHost::A, true, error));   // api_down: symptree_process_up{name="shop-api"} == 0
  REQUIRE(builder.add(0, TestHost::B, false, error));
  std::map<std::string, std::string> series = by_selector(builder, 10);
  std::string a = "symptree_process_up{host=\"host-a\",instance=\"host-a:9188\",job=\"" + model.exporter_job +
                  "\",name=\"shop-api\"}";
  std::string b = "symptree_process_up{host=\"host-b\",instance=\"host-b:9188\",job=\"" + model.exporter_job +
                  "\",name=\"shop-api\"}";
  REQUIRE(series.count(a));
  REQUIRE(series.count(b));
  CHECK(series[a] == "0+0x10");
  CHECK(series[b] != "0+0x10");
  CHECK(series[b].find("+0x10") != std::string::npos);
  std::map<std::string, std::string> labels = builder.result_labels(0, TestHost::A);
  CHECK(labels.at("name") == "shop-api");  // no aggregation: the series' own labels
  CHECK(labels.at("instance") == "host-a:9188");
}

TEST_CASE("a fact and its negation on one host cannot both be built") {
  Model model = load_ok(small_spec());
  ScenarioBuilder builder(model);
  std::string error;
  REQUIRE(builder.add(0, TestHost::A, true, error));
  REQUIRE(builder.add(0, TestHost::A, false, error));
  CHECK_FALSE(builder.build(10));
}

TEST_CASE("an examples fact copies the written series, and a second fact on them shares them") {
  Model model = load_ok(small_spec());
  ScenarioBuilder builder(model);
  std::string error;
  REQUIRE(builder.add(5, TestHost::A, true, error));  // errors_rising's firing examples
  std::map<std::string, std::string> series = by_selector(builder, 10);
  REQUIRE(series.size() == 1);
  CHECK(series.begin()->first.rfind("shop_request_errors_total{host=\"host-a\",", 0) == 0);
  CHECK(series.begin()->second == "0+60x20");
  // sum by (host): the result keeps only the host.
  CHECK(builder.result_labels(5, TestHost::A) == std::map<std::string, std::string>{{"host", "host-a"}});
  // The same series again (a cause refining its parent on them) are the one series.
  CHECK(builder.add(5, TestHost::A, true, error));
  CHECK(by_selector(builder, 10) == series);
}

TEST_CASE("result_value: the condition's value at an evaluation as Prometheus computes it, none from examples") {
  std::string text = replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'shop_queue_depth * 100 > 90000'");
  Model model = load_ok(text);
  int queue = model.find_node("queue_backlog");
  ScenarioBuilder builder(model);
  std::string error;
  REQUIRE(builder.add(queue, TestHost::A, true, error));
  REQUIRE(builder.add(queue, TestHost::B, false, error));
  std::map<std::string, std::string> series = by_selector(builder, 10);
  std::string a = "shop_queue_depth{host=\"host-a\",instance=\"host-a:service\",job=\"" + model.service_job + "\"}";
  REQUIRE(series.count(a));
  double depth = std::strtod(series[a].c_str(), nullptr);  // "901+0x10": a constant just over the threshold
  std::optional<double> value = builder.result_value(queue, TestHost::A, 5 * model.test_interval.ms);
  REQUIRE(value);
  CHECK(*value == depth * 100);  // the scaled term, as the alert's sample carries it
  CHECK_FALSE(builder.result_value(queue, TestHost::B, 5 * model.test_interval.ms));  // filtered out there
  int errors = model.find_node("errors_rising");
  ScenarioBuilder from_examples(model);
  REQUIRE(from_examples.add(errors, TestHost::A, true, error));
  REQUIRE(from_examples.build(21));
  CHECK_FALSE(from_examples.result_value(errors, TestHost::A, 5 * model.test_interval.ms));
}
