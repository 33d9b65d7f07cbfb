// Tests for check/alertmanager_check: a hand-written inhibit rule that matches
// one alert as both source and target is refused at the rule; one that tells
// source and target apart passes; a matcher on an old label name (service,
// symptom, node) that would match the spec's own alerts is refused with the new one.
#include "generator/check/alertmanager_check.h"

#include <doctest/doctest.h>

#include "generator/model/am_matcher.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The diagnostics of check_alertmanager on the small spec with `rule` merged in.
std::string check_with(AmInhibitRule rule) {
  Model model = load_ok(small_spec());
  rule.where = {"am/extra.yml", 7, 5};
  model.alertmanager.merged_inhibit_rules.push_back(rule);
  Diagnostics d;
  check_alertmanager(model, plan_alerts(model), d);
  return d.format();
}

AmMatcher matcher(const std::string& text) {
  std::string error;
  std::optional<AmMatcher> parsed = parse_matcher(text, error);
  REQUIRE_MESSAGE(parsed, error);
  return *parsed;
}

}  // namespace

TEST_CASE("a rule whose source and target both match one alert is an error at the rule") {
  AmInhibitRule rule;
  rule.source = {matcher("severity=\"critical\"")};
  rule.target = {matcher("flowchart_service=\"shop\"")};
  std::string out = check_with(rule);
  CHECK(out.find("am/extra.yml:7:5: error: this inhibit rule matches ShopApiDown as both source and target") == 0);
  CHECK(out.find("narrow target_matchers or source_matchers") != std::string::npos);
  // One error per rule, not one per alert it matches.
  CHECK(out.find("error:", out.find("error:") + 1) == std::string::npos);
}

TEST_CASE("absence alerts share one name: a rule on that name alone mutes them all") {
  AmInhibitRule rule;
  rule.source = {matcher("alertname=\"ShopMetricAbsent\"")};
  rule.target = {matcher("alertname=~\"Shop.*\"")};
  CHECK(check_with(rule).find("matches ShopMetricAbsent as both source and target") != std::string::npos);
}

TEST_CASE("a rule that tells source and target apart passes") {
  AmInhibitRule rule;
  rule.source = {matcher("flowchart_node=\"port_taken\"")};
  rule.target = {matcher("flowchart_node=\"api_down\"")};
  CHECK(check_with(rule) == "");
  CHECK(check_with(AmInhibitRule{}).find("as both source and target") != std::string::npos);  // empty matchers match all
}

TEST_CASE("a merge-file matcher on an old label name of the spec's own alerts is refused with the new name") {
  AmInhibitRule rule;
  rule.source = {matcher("node=\"port_taken\"")};
  rule.target = {matcher("flowchart_node=\"api_down\"")};
  rule.source[0].where = {"am/extra.yml", 9, 7};
  std::string out = check_with(rule);
  CHECK(out.find("am/extra.yml:9:7: error: symptree's alerts carry 'flowchart_node', not 'node'") == 0);
  CHECK(out.find("write flowchart_node=\"port_taken\"") != std::string::npos);

  Model model = load_ok(small_spec());
  AmRoute route;
  route.matchers = {matcher("service=~\"sh.*\"")};
  route.matchers[0].where = {"am/extra.yml", 3, 5};
  model.alertmanager.merged_routes.push_back(route);
  Diagnostics d;
  check_alertmanager(model, plan_alerts(model), d);
  CHECK(d.format().find("am/extra.yml:3:5: error: symptree's alerts carry 'flowchart_service', not 'service'") == 0);
}

TEST_CASE("a merge-file matcher on 'service' of another service, or one that only excludes, is left alone") {
  Model model = load_ok(small_spec());
  AmRoute route;
  route.matchers = {matcher("service=\"billing\""), matcher("node!=\"port_taken\"")};
  model.alertmanager.merged_routes.push_back(route);
  Diagnostics d;
  check_alertmanager(model, plan_alerts(model), d);
  CHECK(d.format() == "");
}
