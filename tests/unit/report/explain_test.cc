// Tests for report/explain: the path, thresholds, runbook, receiver; did-you-mean.
#include <doctest/doctest.h>

#include "generator/model/am_matcher.h"
#include "generator/report/explain.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("explain shows the path, each question's condition and threshold, the runbook and the receiver") {
  Compilation c = compile_ok(small_spec());
  std::string error;
  std::optional<std::string> text = explain(c, "ShopDiskNearlyFull", error);
  REQUIRE_MESSAGE(text, error);
  for (const char* part : {"API is down → Port taken? → Disk nearly full too?", "1. API is down  [api_down]",
                           "2. Port taken?  [port_taken]", "3. Disk nearly full too?  [disk_nearly_full]",
                           "threshold > 0.9", "and on (host)",
                           "https://runbooks.example.com/shop/runbooks/disk.md#nearly-full",
                           "ss -ltnp | grep 8080  # Who holds the port", "Pages: tickets (webhook) with severity warning",
                           "P2, respond within 4h"}) {
    CHECK_MESSAGE(text->find(part) != std::string::npos, part);
  }
  CHECK(explain(c, "disk_nearly_full", error) == text);  // a node id works as well as the alert name
}

TEST_CASE("explain's firing line closes the join parenthesis once") {
  Compilation c = compile_ok(small_spec());
  std::string error;
  std::optional<std::string> text = explain(c, "ShopDiskNearlyFull", error);
  REQUIRE_MESSAGE(text, error);
  CHECK_MESSAGE(text->find("\nFires per (host), where its parent 'port_taken' holds on the same (host), for ") != std::string::npos, *text);
  CHECK_MESSAGE(text->find(")), for") == std::string::npos, *text);
}

TEST_CASE("explain of a manual step and of the absence alert") {
  Compilation c = compile_ok(small_spec());
  std::string error;
  std::optional<std::string> manual = explain(c, "restart_by_hand", error);
  REQUIRE(manual);
  CHECK(manual->find("No alert: An operator decision") != std::string::npos);
  std::optional<std::string> absent = explain(c, "ShopMetricAbsent", error);
  REQUIRE(absent);
  CHECK(absent->find("shop_queue_depth") != std::string::npos);
}

TEST_CASE("explain of an absence alert names the scrape job of a declared source's metric") {
  Compilation c = compile_ok(namespace_spec_settings() + R"(sources:
  - {name: kube, job: kube-state-metrics, labels: [namespace, pod], prefixes: [kube_]}
symptoms:
  - id: crashloop
    title: Pods restarting
    priority: P0
    runbook: crash.md
    when: 'increase(kube_pod_container_status_restarts_total[10m]) > 3'
)");
  std::string error;
  std::optional<std::string> absent = explain(c, "ShopMetricAbsent", error);
  REQUIRE_MESSAGE(absent, error);
  CHECK(absent->find("while the scrape job that reports it is up") != std::string::npos);
  CHECK(absent->find("kube_pod_container_status_restarts_total  (P0, job kube-state-metrics)") != std::string::npos);
}

TEST_CASE("explain of an unknown name gives a did-you-mean hint") {
  Compilation c = compile_ok(small_spec());
  std::string error;
  CHECK_FALSE(explain(c, "ShopPortTakn", error));
  CHECK(error == "no alert or node named 'ShopPortTakn'; did you mean 'ShopPortTaken'?");
  CHECK_FALSE(explain(c, "porttaken", error));
  CHECK(error.find("did you mean 'port_taken'?") != std::string::npos);
  CHECK_FALSE(explain(c, "zzzzzzzzzzzzzzzzzz", error));
  CHECK(error.find("symptree coverage") != std::string::npos);
}

// Found by a newcomer trial: a ratio compared with `(90 / 100)` showed no folded value.
TEST_CASE("explain folds a threshold written as an expression in any comparison, and names sides when several") {
  std::string spec = replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_depth > (90 / 100)");
  std::string error;
  Compilation c1 = compile_ok(spec);
  std::optional<std::string> one = explain(c1, "queue_backlog", error);
  REQUIRE(one);
  CHECK(one->find("threshold > (90 / 100) (= 0.9)") != std::string::npos);
  std::string two_specs = replace(small_spec(), "shop_queue_depth > 1000", "0 < shop_queue_depth and shop_queue_depth <= 26 * 3600");
  Compilation c2 = compile_ok(two_specs);
  std::optional<std::string> two = explain(c2, "queue_backlog", error);
  REQUIRE(two);
  CHECK(two->find("threshold shop_queue_depth > 0; shop_queue_depth <= 26 * 3600 (= 93600)") != std::string::npos);
}

TEST_CASE("explain gives each route's own timing when a hand-written route takes the alert too") {
  Compilation c = compile_ok(small_spec());
  std::string error;
  std::optional<std::string> plain = explain(c, "ShopDiskNearlyFull", error);
  REQUIRE_MESSAGE(plain, error);
  CHECK_MESSAGE(plain->find("\n       first notification after ") != std::string::npos, *plain);  // one timing

  AmRoute hand;  // no timing of its own: Alertmanager's defaults apply there
  hand.matchers = {label_equals("flowchart_node", "disk_nearly_full")};
  hand.receiver = "storage";
  hand.continue_matching = true;
  c.routes.routes.insert(c.routes.routes.begin(), hand);
  std::optional<std::string> text = explain(c, "ShopDiskNearlyFull", error);
  REQUIRE_MESSAGE(text, error);
  CHECK_MESSAGE(text->find("Pages: storage, tickets (webhook) with severity warning") != std::string::npos, *text);
  CHECK_MESSAGE(text->find("\n       storage: first notification after 30s, repeated every 4h while it fires") !=
                    std::string::npos,
                *text);
  CHECK_MESSAGE(text->find("\n       tickets: first notification after ") != std::string::npos, *text);
}
