// Tests for reader/settings_reader: identity, join labels, jobs, runbooks,
// test and absence timing, app metrics, escalation and the global commands,
// with their defaults; each mistake at its value (expect_error).
#include "generator/reader/settings_reader.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with `lines` added after alert_prefix.
std::string with_settings(const std::string& lines) {
  return replace(small_spec(), "alert_prefix: Shop\n", "alert_prefix: Shop\n" + lines);
}

}  // namespace

TEST_CASE("defaults: title, alert prefix, join label, timing, jobs") {
  Model model = load_ok(replace(small_spec(), "alert_prefix: Shop\n", ""));
  CHECK(model.service == "shop");
  CHECK(model.title == "shop");                 // no title: the service
  CHECK(model.alert_prefix == "Shop");          // no prefix: the service in CamelCase
  CHECK(model.join_on == std::vector<std::string>{"host"});
  CHECK(model.app_metrics.size() == 2);
  CHECK(model.app_metrics[0].absence_alert);
  CHECK(model.always_check.empty());
}

TEST_CASE("settings as written") {
  Model model = load_ok(with_settings("title: The Shop\njoin_on: [host, dc]\njobs: {service: shop-api, exporter: node}\n"
                                      "tests: {interval: 30s}\nabsence: {for: 15m}\n"
                                      "always_check: [{run: uptime, why: Load}]\n"));
  CHECK(model.title == "The Shop");
  CHECK(model.join_on == std::vector<std::string>{"host", "dc"});
  CHECK(model.service_job == "shop-api");
  CHECK(model.exporter_job == "node");
  CHECK(model.test_interval.text == "30s");
  CHECK(model.absence_for.text == "15m");
  REQUIRE(model.always_check.size() == 1);
  CHECK(model.always_check[0].run == "uptime");
  CHECK(model.always_check[0].why == "Load");
  Model quiet = load_ok(replace(small_spec(), "app_metrics: [shop_request_errors_total, shop_queue_depth]",
                                "app_metrics: [shop_request_errors_total, {name: shop_queue_depth, absence_alert: false}]"));
  CHECK_FALSE(quiet.app_metrics[1].absence_alert);
}

TEST_CASE("identity and join label mistakes") {
  expect_error(replace(small_spec(), "service: shop", "service: Shop"), "Shop\n", "service 'Shop' must match [a-z][a-z0-9_]*");
  expect_error(replace(small_spec(), "alert_prefix: Shop", "alert_prefix: shop_"), "shop_\n", "alert_prefix 'shop_'");
  expect_error(with_settings("join_on: []\n"), "[]", "'join_on' must name at least one label");
  expect_error(with_settings("join_on: [host, instance]\n"), "instance]", "'join_on' cannot use 'instance'");
  expect_error(with_settings("join_on: [host, 1dc]\n"), "1dc", "'1dc' is not a valid label name");
}

TEST_CASE("runbooks, timing and app metric mistakes") {
  expect_error(replace(small_spec(), "https://runbooks.example.com/shop", "runbooks.example.com"), "\"runbooks.example.com\"",
               "'base_url' must be an http:// or https:// URL, got 'runbooks.example.com'");
  expect_error(with_settings("tests: {interval: 0s}\n"), "0s", "positive duration");
  expect_error(with_settings("absence: {for: soon}\n"), "soon", "positive duration");
  expect_error(replace(small_spec(), "[shop_request_errors_total, shop_queue_depth]",
                       "[shop_request_errors_total, shop_queue_depth, shop_queue_depth]"),
               "shop_queue_depth]", "app metric 'shop_queue_depth' is listed twice");
  expect_error(replace(small_spec(), "[shop_request_errors_total, shop_queue_depth]", "[shop-errors, shop_queue_depth]"),
               "shop-errors", "'shop-errors' is not a valid metric name");
  expect_error(with_settings("escalation: {bundle: [{run: df, file: ../df.txt}]}\n"), "../df.txt",
               "bundle file '../df.txt' must be a plain file name");
}
