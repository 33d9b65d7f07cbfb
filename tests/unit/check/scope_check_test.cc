// Tests for check/scope_check: a cluster-scoped condition must visibly
// aggregate the join_on labels and instance away, each error where the
// condition shows the problem.
#include "generator/check/scope_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with queue_backlog cluster-scoped under condition `when`: what check_scopes says.
std::string scope_errors(const std::string& when) {
  std::string text = replace(small_spec(), "    when: 'shop_queue_depth > 1000'\n",
                             "    scope: cluster\n    when: '" + when + "'\n");
  Model model = load_ok(text);
  Diagnostics d;
  check_scopes(model, d);
  return d.format();
}

}  // namespace

TEST_CASE("aggregating host and instance away passes, by without or by by") {
  CHECK(scope_errors("max without (host, instance) (shop_queue_depth) > 1000") == "");
  CHECK(scope_errors("sum by (job) (shop_queue_depth) > 1000") == "");
}

TEST_CASE("no aggregation: every host would fire its own alert") {
  std::string out = scope_errors("shop_queue_depth > 1000");
  CHECK(out.find("error: 'queue_backlog' is cluster-scoped, but its condition keeps each series' labels: every host "
                 "reporting it would give its own alert") != std::string::npos);
  CHECK(out.find("spec.yaml:44:") == 0);  // the condition's line
}

TEST_CASE("an aggregation that keeps a per-host label is reported at the label") {
  std::string kept_host = scope_errors("max by (host) (shop_queue_depth) > 1000");
  CHECK(kept_host.find("keeps the label 'host', which differs from host to host") != std::string::npos);
  CHECK(kept_host.find("spec.yaml:44:16:") == 0);  // the `by` keyword
  std::string kept_instance = scope_errors("max without (host) (shop_queue_depth) > 1000");
  CHECK(kept_instance.find("keeps the label 'instance'") != std::string::npos);
  CHECK(kept_instance.find("add 'instance' to `without (...)`") != std::string::npos);
}

TEST_CASE("label inference decides: without (instance) keeps host, nested aggregations count") {
  std::string kept = scope_errors("max without (instance) (shop_queue_depth) > 1000");
  CHECK(kept.find("spec.yaml:44:16:") == 0);
  CHECK(kept.find("keeps the label 'host'") != std::string::npos);
  CHECK(scope_errors("max(sum by (host) (shop_queue_depth)) > 1000") == "");
  CHECK(scope_errors("max(sum by (host) (shop_queue_depth)) > 1000 or shop_queue_depth > 5")
            .find("keeps the label 'host'") != std::string::npos);
}

TEST_CASE("host-scoped nodes are not checked") {
  Model model = load_ok(small_spec());  // queue_backlog reads shop_queue_depth per host, as it may
  Diagnostics d;
  check_scopes(model, d);
  CHECK(d.format() == "");
}
