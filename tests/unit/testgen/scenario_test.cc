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

namespace {

// A per-queue symptom over RabbitMQ's ready messages (`lag`) and a cause
// joined on the host (`backlog`) whose condition is `cause_when`; each may
// have `examples:` (the text under it, indented for a node's keys).
std::string queue_spec(const std::string& cause_when, const std::string& parent_examples = "",
                       const std::string& cause_examples = "") {
  return "version: 1\n"
         "service: rmq\n"
         "runbooks: {base_url: \"https://rb.example.com/\"}\n"
         "priorities:\n"
         "  P1: {response: 30m, severity: critical, receiver: pager}\n"
         "receivers:\n"
         "  pager: {webhook: {url: \"http://127.0.0.1:9095/p\"}}\n"
         "sources:\n"
         "  - {name: rabbit, job: rabbitmq, labels: [host, vhost, queue], prefixes: [rabbitmq_]}\n"
         "symptoms:\n"
         "  - id: lag\n"
         "    title: Backlog\n"
         "    priority: P1\n"
         "    runbook: a.md\n"
         "    join_on: [host, vhost, queue]\n"
         "    when: 'rabbitmq_queue_messages_ready > 1000'\n" +
         parent_examples +
         "    causes:\n"
         "      - id: backlog\n"
         "        title: Node-wide backlog\n"
         "        runbook: a.md\n"
         "        join_on: [host]\n"
         "        when: '" + cause_when + "'\n" +
         cause_examples;
}

const std::string kQueueA =
    "rabbitmq_queue_messages_ready{host=\"host-a\",instance=\"host-a:rabbit\",job=\"rabbitmq\",queue=\"queue-a\","
    "vhost=\"vhost-a\"}";

}  // namespace

TEST_CASE("a cause aggregating its parent's metric over the host reads the parent's one series, in either order") {
  for (std::string agg : {"sum", "max", "avg", "min"}) {
    CAPTURE(agg);
    Model model = load_ok(queue_spec(agg + " by (host) (rabbitmq_queue_messages_ready) > 50000"));
    int lag = model.find_node("lag"), backlog = model.find_node("backlog");
    for (bool cause_first : {true, false}) {
      CAPTURE(cause_first);
      ScenarioBuilder builder(model);
      std::string error;
      // The cause does not hold while its parent does: one series, 1001..50000.
      REQUIRE_MESSAGE(builder.add(cause_first ? backlog : lag, TestHost::A, !cause_first, error), error);
      REQUIRE_MESSAGE(builder.add(cause_first ? lag : backlog, TestHost::A, cause_first, error), error);
      std::map<std::string, std::string> series = by_selector(builder, 4);
      REQUIRE(series.size() == 1);  // not a second series with the host's labels only
      REQUIRE(series.count(kQueueA));
      double value = std::strtod(series[kQueueA].c_str(), nullptr);
      CHECK(value > 1000);
      CHECK(value <= 50000);
      CHECK(builder.result_labels(backlog, TestHost::A) == std::map<std::string, std::string>{{"host", "host-a"}});
      CHECK(builder.result_labels(lag, TestHost::A).at("queue") == "queue-a");
      std::optional<double> aggregated = builder.result_value(lag, TestHost::A, 0);
      REQUIRE(aggregated);
      CHECK(*aggregated == value);
      CHECK(builder.one_series_note().empty() == (agg != "sum"));  // only a sum of one series is not the sum of several
    }
  }
}

TEST_CASE("a sum over the host that needs several series below the parent's threshold says so") {
  Model model = load_ok(queue_spec("sum by (host) (rabbitmq_queue_messages_ready) > 50000"));
  ScenarioBuilder builder(model);
  std::string error;
  REQUIRE(builder.add(model.find_node("backlog"), TestHost::A, true, error));
  REQUIRE(builder.add(model.find_node("lag"), TestHost::A, false, error));
  CHECK_FALSE(builder.build(4));  // one series cannot be over 50000 and at most 1000
  CHECK(builder.one_series_note().find("one series of rabbitmq_queue_messages_ready, so the sum of 'backlog'") !=
        std::string::npos);
  Model by_max = load_ok(queue_spec("max by (host) (rabbitmq_queue_messages_ready) > 50000"));
  ScenarioBuilder implied(by_max);
  REQUIRE(implied.add(by_max.find_node("backlog"), TestHost::A, true, error));
  REQUIRE(implied.add(by_max.find_node("lag"), TestHost::A, false, error));
  CHECK_FALSE(implied.build(4));
  CHECK(implied.one_series_note().empty());  // a max over 50000 is a queue over 1000: implied indeed
}

TEST_CASE("a cause reading its parent's metric another way, or beside the other's examples, is refused naming both") {
  Model rate = load_ok(queue_spec("sum by (host) (rate(rabbitmq_queue_messages_ready[5m])) > 10"));
  ScenarioBuilder builder(rate);
  std::string error;
  REQUIRE(builder.add(rate.find_node("backlog"), TestHost::A, true, error));
  CHECK_FALSE(builder.add(rate.find_node("lag"), TestHost::A, true, error));
  CHECK(error == "'lag' and 'backlog' read rabbitmq_queue_messages_ready in two ways (a value, a rate, absent(), a "
                 "divisor...), so no derived series of a host serves both");

  std::string examples =
      "        examples:\n"
      "          warmup: 0s\n"
      "          firing:\n"
      "            - {series: 'rabbitmq_queue_messages_ready{vhost=\"v\",queue=\"q1\"}', values: '2000x9'}\n"
      "            - {series: 'rabbitmq_queue_messages_ready{vhost=\"v\",queue=\"q2\"}', values: '10x9'}\n"
      "          quiet:\n"
      "            - {series: 'rabbitmq_queue_messages_ready{vhost=\"v\",queue=\"q1\"}', values: '2000x9'}\n";
  Model count = load_ok(queue_spec("count by (host) (rabbitmq_queue_messages_ready) > 1", "", examples));
  ScenarioBuilder beside(count);
  error.clear();
  REQUIRE(beside.add(count.find_node("backlog"), TestHost::A, true, error));
  CHECK_FALSE(beside.add(count.find_node("lag"), TestHost::A, true, error));
  CHECK(error.find("'lag' derives series of rabbitmq_queue_messages_ready on the host where the examples of "
                   "'backlog' write it") != std::string::npos);
  // The other order (the parent's derived series first) is refused the same way.
  ScenarioBuilder derived_first(count);
  error.clear();
  REQUIRE(derived_first.add(count.find_node("lag"), TestHost::A, true, error));
  CHECK_FALSE(derived_first.add(count.find_node("backlog"), TestHost::A, true, error));
  CHECK(error.find("give 'lag' examples of rabbitmq_queue_messages_ready too") != std::string::npos);
}
