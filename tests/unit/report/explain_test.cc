// Tests for report/explain: the path, thresholds, runbook, receiver; did-you-mean.
#include <doctest/doctest.h>

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
                           "threshold symptree_filesystem_used_ratio > 0.9", "and on (host)",
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
  CHECK_MESSAGE(text->find("\nFires when, joined on (host), for ") != std::string::npos, *text);
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
