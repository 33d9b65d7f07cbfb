// Tests for the checks on the syntax tree of each condition: join labels kept
// by host-scoped nodes (join_label_check), selectors in every position
// (selector_check), exact cluster scope (scope_check), parse errors at their
// line and column without promtool, and every error once in one run.
#include <doctest/doctest.h>

#include "generator/check/checker.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// Every error of compiling `text` without promtool, formatted.
std::string errors(const std::string& text) {
  Diagnostics d;
  compile(text, d);
  return d.format();
}

const char* kErrorsRising = "sum by (host) (rate(shop_request_errors_total[5m])) > 0.5";

}  // namespace

TEST_CASE("a host-scoped node that aggregates the join label away is an error at its by (...)") {
  std::string out = errors(replace(small_spec(), kErrorsRising, "avg by (datname) (rate(shop_request_errors_total[5m])) > 0.5"));
  CHECK(out.find("spec.yaml:48:20: error: the result has no 'host': add it to by (...)\n") == 0);
  CHECK(out.find("errors_rising' holds per host") != std::string::npos);
  // Its parent holds per host, so `scope: cluster` is no way out here; for a symptom it is.
  CHECK(out.find("scope: cluster") == std::string::npos);
  std::string symptom = errors(replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'avg by (queue) (shop_queue_depth) > 1000'"));
  CHECK(symptom.find("error: the result has no 'host': add it to by (...)") != std::string::npos);
  CHECK(symptom.find("or make the node `scope: cluster`") != std::string::npos);
}

TEST_CASE("without (host), on () and histogram_quantile over sum by (instance, le) drop the join label") {
  CHECK(errors(replace(small_spec(), kErrorsRising, "sum without (host) (rate(shop_request_errors_total[5m])) > 0.5"))
            .find("spec.yaml:48:20: error: the result has no 'host': remove it from without (...)") == 0);
  CHECK(errors(replace(small_spec(), kErrorsRising,
                       "histogram_quantile(0.9, sum by (instance, le) (rate(shop_request_errors_total[5m]))) > 0.5"))
            .find("spec.yaml:48:44: error: the result has no 'host': add it to by (...)") == 0);
  CHECK(errors(replace(small_spec(), kErrorsRising, "shop_queue_depth > on () sum(shop_queue_depth)"))
            .find("spec.yaml:48:35: error: the result has no 'host': add it to on (...)") == 0);
}

TEST_CASE("conditions that keep the join label pass") {
  for (const char* kept : {"sum by (host, le) (rate(shop_request_errors_total[5m])) > 0.5",
                           "max without (instance) (rate(shop_request_errors_total[5m])) > 0.5",
                           "rate(shop_request_errors_total[5m]) > on (host) group_left sum by (host) (shop_queue_depth)",
                           "shop_queue_depth - time() < 0"}) {
    CAPTURE(kept);
    CHECK(errors(replace(small_spec(), kErrorsRising, kept)).find("has no 'host'") == std::string::npos);
  }
}

TEST_CASE("selectors are checked in every position: label names, probe names, __name__") {
  std::string wrong_label = errors(replace(small_spec(), "symptree_filesystem_used_ratio{name=\"data\"}",
                                           "symptree_filesystem_used_ratio{mount=\"data\"}"));
  CHECK(wrong_label.find("spec.yaml:34:51: error: metric 'symptree_filesystem_used_ratio' has no label 'mount'") == 0);
  std::string in_function =
      errors(replace(small_spec(), "shop_queue_depth > 1000", "increase(symptree_process_restarts_total{name=\"shop-apj\"}[10m]) > 3"));
  CHECK(in_function.find("spec.yaml:43:59: error: no processes probe has name 'shop-apj'") != std::string::npos);
  CHECK(in_function.find("did you mean 'shop-api'?") != std::string::npos);
  std::string regex = errors(replace(small_spec(), "{name=\"shop-api\"} == 0", "{name=~\"shop-db.*\"} == 0"));
  CHECK(regex.find("spec.yaml:20:39: error: the regex 'shop-db.*' matches no processes probe's name") != std::string::npos);
  CHECK(errors(replace(small_spec(), "{name=\"shop-api\"} == 0", "{name=~\"shop-.*\"} == 0")).find("regex") == std::string::npos);
  std::string name = errors(replace(small_spec(), "shop_queue_depth > 1000", "{__name__=\"shop_queue_dept\"} > 1000"));
  CHECK(name.find("spec.yaml:43:23: error: unknown metric 'shop_queue_dept'") == 0);
}

TEST_CASE("a __name__ matcher counts as its metric: absence alert and all") {
  Diagnostics d;
  std::optional<Compilation> c = compile(replace(small_spec(), "shop_queue_depth > 1000", "{__name__=\"shop_queue_depth\"} > 1000"), d);
  REQUIRE_MESSAGE(c, d.format());
  CHECK(c->model.nodes[c->model.find_node("queue_backlog")].when->analysis.metrics.front().name == "shop_queue_depth");
}

TEST_CASE("cluster scope is decided by label inference: without (instance) keeps host") {
  std::string spec = replace(small_spec(), "    when: 'shop_queue_depth > 1000'",
                             "    scope: cluster\n    when: 'max without (instance) (shop_queue_depth) > 1000'");
  spec = replace(spec, "    causes:\n      - id: errors_rising", "    causes:\n      - id: errors_rising\n        scope: cluster");
  spec = replace(spec, kErrorsRising, "sum(rate(shop_request_errors_total[5m])) > 0.5");
  CHECK(errors(spec).find("spec.yaml:44:16: error: 'queue_backlog' is cluster-scoped, but its condition keeps the label 'host'") == 0);
  CHECK(errors(replace(spec, "without (instance)", "without (instance, host)")) == "");
}

TEST_CASE("invalid PromQL is an error at its line and column without promtool, reported once") {
  std::string out = errors(replace(small_spec(), "shop_queue_depth > 1000", "sum(shop_queue_depth > 1000"));
  CHECK(out.find("spec.yaml:43:") == 0);
  CHECK(out.find("'when' of 'queue_backlog' is not valid PromQL") != std::string::npos);
  CHECK(out.find("cannot derive test series") == std::string::npos);
  size_t lines = 0;
  for (char c : out) lines += c == '\n';
  CHECK(lines == 1);
}

TEST_CASE("errors inside block and multi-line quoted scalars point at their own line and column") {
  std::string block = errors(replace(small_spec(), "        when: 'sum by (host) (rate(shop_request_errors_total[5m])) > 0.5'",
                                     "        when: |\n          sum\n            by (datname) (rate(shop_request_errors_total[5m])) > 0.5"));
  CHECK(block.find("spec.yaml:50:13: error: the result has no 'host'") == 0);
  std::string folded = errors(replace(small_spec(), "        when: 'sum by (host) (rate(shop_request_errors_total[5m])) > 0.5'",
                                      "        when: \"sum\n          by (datname) (rate(shop_request_errors_total[5m])) > 0.5\""));
  CHECK(folded.find("spec.yaml:49:11: error: the result has no 'host'") == 0);
  std::string plain = errors(replace(small_spec(), "        when: 'sum by (host) (rate(shop_request_errors_total[5m])) > 0.5'",
                                     "        when: sum(rate(shop_request_errors_total[5m])\n          ) > 0.5 ;"));
  CHECK(plain.find("spec.yaml:49:19: error: 'when' of 'errors_rising' is not valid PromQL") == 0);
}

TEST_CASE("a reader error does not hide the tree's errors, and they come sorted by position") {
  std::string spec = replace(small_spec(), "receiver: tickets}", "receiver: ticket}");
  spec = replace(spec, "shop_queue_depth > 1000", "shop_queue_dept > 1000");
  std::string out = errors(spec);
  size_t receiver = out.find("unknown receiver 'ticket'"), metric = out.find("unknown metric 'shop_queue_dept'");
  CHECK(receiver != std::string::npos);
  CHECK(metric != std::string::npos);
  CHECK(receiver < metric);
}

TEST_CASE("Diagnostics says each problem once") {
  Diagnostics d;
  d.error({"a.yaml", 3, 4}, "x");
  d.error({"a.yaml", 3, 4}, "x");
  d.error({"a.yaml", 3, 5}, "x");
  CHECK(d.count() == 2);
}
