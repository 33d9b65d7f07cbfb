// Planning the test cases of each alert.
#include "generator/testgen/test_plan.h"

#include <algorithm>

namespace symptree {
namespace {

int64_t round_up(int64_t value, int64_t step) { return (value + step - 1) / step * step; }

// A fact of a scenario: node `node` holds (or not) on `host`.
struct Fact {
  int node;
  TestHost host;
  bool holds;
};

// Plans the cases of one node's alert.
class NodeTestPlanner {
 public:
  NodeTestPlanner(const Model& model, TestPlan& plan, Diagnostics& diagnostics)
      : model_(model), plan_(plan), diagnostics_(diagnostics) {}

  void plan(const AlertRule& rule);

 private:
  int64_t fire_time(int node) const;
  ExpectedAlert expected(const AlertRule& rule, const ScenarioBuilder& builder) const;
  // Builds the scenario's series; nullopt when the facts contradict each other.
  std::optional<std::vector<TestSeries>> series_for(const std::vector<Fact>& facts, ScenarioBuilder& builder,
                                                    int64_t until_ms, const AlertRule& rule);
  void add_case(const AlertRule& rule, const std::string& title, const std::vector<Fact>& facts,
                const std::vector<std::pair<int64_t, bool>>& checks, const std::string& implied_reason);

  const Model& model_;
  TestPlan& plan_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
};

int64_t NodeTestPlanner::fire_time(int node) const {
  int64_t warmup = 0;
  std::vector<int> path = model_.conditioned_ancestors(node);
  path.push_back(node);
  for (int n : path) {
    if (model_.nodes[n].examples) warmup = std::max(warmup, model_.nodes[n].examples->warmup.ms);
  }
  return round_up(warmup + model_.nodes[node].for_duration.ms, model_.test_interval.ms);
}

ExpectedAlert NodeTestPlanner::expected(const AlertRule& rule, const ScenarioBuilder& builder) const {
  ExpectedAlert alert;
  alert.labels = builder.result_labels(rule.node, TestHost::A);
  for (const auto& [label, value] : rule.labels) alert.labels[label] = value;
  for (const auto& [name, text] : rule.annotations) alert.annotations[name] = expand_template(text, alert.labels);
  return alert;
}

std::optional<std::vector<TestSeries>> NodeTestPlanner::series_for(const std::vector<Fact>& facts,
                                                                   ScenarioBuilder& builder, int64_t until_ms,
                                                                   const AlertRule& rule) {
  for (const Fact& fact : facts) {
    std::string error;
    if (!builder.add(fact.node, fact.host, fact.holds, error)) {
      diagnostics_.error(model_.nodes[rule.node].where,
                         "cannot build tests for '" + model_.nodes[rule.node].id + "': " + error,
                         "give 'examples' whose series do not collide, or use distinct label values");
      failed_ = true;
      return std::nullopt;
    }
  }
  return builder.build(static_cast<int>(until_ms / model_.test_interval.ms) + 2);
}

// checks: (eval time, whether the alert under test fires then).
void NodeTestPlanner::add_case(const AlertRule& rule, const std::string& title, const std::vector<Fact>& facts,
                               const std::vector<std::pair<int64_t, bool>>& checks,
                               const std::string& implied_reason) {
  ScenarioBuilder builder(model_);
  int64_t until = 0;
  for (const auto& check : checks) until = std::max(until, check.first);
  std::optional<std::vector<TestSeries>> series = series_for(facts, builder, until, rule);
  if (failed_) return;
  if (!series) {
    if (implied_reason.empty()) {
      const Node& node = model_.nodes[rule.node];
      diagnostics_.error(node.when->where, "the condition of '" + node.id +
                                               "' can never hold together with its ancestors' conditions",
                         "a cause fires only while every ancestor's condition holds on the same host");
      failed_ = true;
    } else {
      plan_.skipped.push_back({rule.name, title + ": " + implied_reason});
    }
    return;
  }
  TestCase test{rule.name, -1, title, *series, {}};
  for (const auto& [time, fires] : checks) {
    AlertCheck check{rule.name, time, {}};
    if (fires) check.expected.push_back(expected(rule, builder));
    test.checks.push_back(check);
  }
  plan_.cases.push_back(test);
}

void NodeTestPlanner::plan(const AlertRule& rule) {
  int node = rule.node;
  std::vector<int> ancestors = model_.conditioned_ancestors(node);
  int64_t fire = fire_time(node);
  int64_t step = model_.test_interval.ms;
  std::vector<Fact> all_hold = {{node, TestHost::A, true}};
  for (int a : ancestors) all_hold.push_back({a, TestHost::A, true});

  std::vector<std::pair<int64_t, bool>> fires_checks = {{fire, true}};
  if (rule.for_duration.ms > 0 && fire - step >= 0) fires_checks.insert(fires_checks.begin(), {fire - step, false});
  add_case(rule, "fires after `for` " + rule.for_duration.text + " when its condition and its ancestors' hold, silent before",
           all_hold, fires_checks, "");

  std::vector<Fact> own_false = all_hold;
  own_false[0].holds = false;
  add_case(rule, "silent when its own condition does not hold", own_false, {{fire, false}},
           "its ancestors' conditions imply its own");

  for (size_t i = 0; i < ancestors.size(); ++i) {
    std::vector<Fact> ancestor_false = all_hold;
    ancestor_false[i + 1].holds = false;
    add_case(rule, "silent when ancestor '" + model_.nodes[ancestors[i]].id + "' does not hold", ancestor_false,
             {{fire, false}}, "its own condition implies that ancestor's");
  }
  if (!ancestors.empty()) {
    std::vector<Fact> other_host = {{node, TestHost::A, true}};
    for (int a : ancestors) {
      other_host.push_back({a, TestHost::A, false});
      other_host.push_back({a, TestHost::B, true});
    }
    add_case(rule, "silent when its ancestors hold only on another host", other_host, {{fire, false}},
             "its own condition implies an ancestor's on the same host");
  }
}

// Absence alerts: fire when the service is scraped and the metric is missing
// (every other watched metric present, so only this rule's alert fires).
void plan_absence_tests(const Model& model, const AlertPlan& alerts, const AlertRule& rule, TestPlan& plan) {
  int64_t step = model.test_interval.ms;
  int64_t fire = round_up(rule.for_duration.ms, step);
  int samples = static_cast<int>(fire / step) + 2;
  std::map<std::string, std::string> host = host_labels(model, TestHost::A);
  TestSeries up{"up", host, "1+0x" + std::to_string(samples)};
  up.labels["instance"] = host.begin()->second + ":service";
  up.labels["job"] = model.service_job;
  std::vector<TestSeries> others = {up};
  for (const AlertRule& other : alerts.rules) {
    if (other.node < 0 && other.absent_metric != rule.absent_metric)
      others.push_back({other.absent_metric, up.labels, up.values});
  }
  std::vector<TestSeries> all = others;
  all.push_back({rule.absent_metric, up.labels, up.values});

  ExpectedAlert alert;
  alert.labels = host;
  for (const auto& [label, value] : rule.labels) alert.labels[label] = value;
  for (const auto& [name, text] : rule.annotations) alert.annotations[name] = expand_template(text, alert.labels);

  TestCase missing{rule.name, -1, "fires after `for` " + rule.for_duration.text + " when " + rule.absent_metric +
                                  " is missing while the service is scraped", others, {}};
  if (fire - step >= 0) missing.checks.push_back({rule.name, fire - step, {}});
  missing.checks.push_back({rule.name, fire, {alert}});
  plan.cases.push_back(missing);
  plan.cases.push_back({rule.name, -1, "silent while " + rule.absent_metric + " is reported", all,
                        {{rule.name, fire, {}}}});
}

// A node alert's cases, or an error when its condition gives no way to build series.
void plan_node_tests(const Model& model, const AlertRule& rule, TestPlan& plan, Diagnostics& diagnostics) {
  const Node& node = model.nodes[rule.node];
  if (!node.examples && !node.when->analysis.derivable()) {
    diagnostics.error(node.when->where,
                      "cannot derive test series for '" + node.id +
                          "': its condition is not a simple comparison (metric{label=\"value\"} OP number)",
                      "add `examples:` with `firing` and `quiet` series, and `warmup` if it uses rate() or similar");
    return;
  }
  NodeTestPlanner(model, plan, diagnostics).plan(rule);
}

}  // namespace

int TestPlan::cases_for_rule(int rule) const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(), [&](const TestCase& c) { return c.rule == rule; }));
}

std::optional<TestPlan> plan_tests(const Model& model, const AlertPlan& alerts, Diagnostics& diagnostics) {
  TestPlan plan;
  size_t errors_before = diagnostics.count();
  for (size_t index = 0; index < alerts.rules.size(); ++index) {
    const AlertRule& rule = alerts.rules[index];
    size_t first_case = plan.cases.size();
    if (rule.node < 0) plan_absence_tests(model, alerts, rule, plan);
    else plan_node_tests(model, rule, plan, diagnostics);
    for (size_t c = first_case; c < plan.cases.size(); ++c) plan.cases[c].rule = static_cast<int>(index);
  }
  if (diagnostics.count() > errors_before) return std::nullopt;
  return plan;
}

}  // namespace symptree
