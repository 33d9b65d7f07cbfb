// Planning the test cases of each alert.
#include "generator/testgen/test_plan.h"

#include <algorithm>

#include "generator/model/node_state_rules.h"

namespace symptree {
namespace {

int64_t round_up(int64_t value, int64_t step) { return (value + step - 1) / step * step; }

// The node's "holds" record at `eval_ms`: 1 on host A when its path holds, else no series.
ExprCheck record_check(const Model& model, const RecordingRule& record, int64_t eval_ms, bool holds) {
  std::string metric = node_state_metric(model);
  ExprCheck check{metric + "{node=\"" + model.nodes[record.node].id + "\"}", eval_ms, {}};
  if (!holds) return check;
  std::map<std::string, std::string> labels = host_labels(model, TestHost::A);
  for (const auto& [name, value] : node_state_labels(model, record.node)) labels[name] = value;
  check.samples.emplace_back(series_selector(metric, labels), "1");
  return check;
}

// A fact of a scenario: node `node` holds (or not) on `host`.
struct Fact {
  int node;
  TestHost host;
  bool holds;
};

// Counts each case for the rules it tests, then hands it to the sink.
class CaseRecorder {
 public:
  CaseRecorder(TestPlan& plan, const TestCaseSink& sink) : plan_(plan), sink_(sink) {}
  void add(const TestCase& test) {
    for (int rule : test.rules) ++plan_.cases_per_rule[rule];
    ++plan_.case_count;
    sink_(test);
  }
  void skip(SkippedCase skipped) { plan_.skipped.push_back(std::move(skipped)); }

 private:
  TestPlan& plan_;
  const TestCaseSink& sink_;
};

// Plans the cases of one node's alert.
class NodeTestPlanner {
 public:
  NodeTestPlanner(const Model& model, const AlertPlan& alerts, CaseRecorder& recorder, Diagnostics& diagnostics)
      : model_(model), alerts_(alerts), recorder_(recorder), diagnostics_(diagnostics) {}

  void plan(int rule_index);

 private:
  int64_t fire_time(int node) const;
  ExpectedAlert expected(const AlertRule& rule, const ScenarioBuilder& builder) const;
  // The nearest ancestor that has an alert, or nullptr.
  const AlertRule* parent_rule(int node) const;
  // Builds the scenario's series; nullopt when the facts contradict each other.
  std::optional<std::vector<TestSeries>> series_for(const std::vector<Fact>& facts, ScenarioBuilder& builder,
                                                    int64_t until_ms, const AlertRule& rule);
  // `parent_fires`: also assert that the parent's alert fires (no cause holds,
  // so the symptom alert must carry the case).
  void add_case(const AlertRule& rule, const std::string& title, const std::vector<Fact>& facts,
                const std::vector<std::pair<int64_t, bool>>& checks, const std::string& implied_reason,
                const AlertRule* parent_fires = nullptr);

  const Model& model_;
  const AlertPlan& alerts_;
  CaseRecorder& recorder_;
  int rule_index_ = -1;
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

const AlertRule* NodeTestPlanner::parent_rule(int node) const {
  std::vector<int> ancestors = model_.conditioned_ancestors(node);
  return ancestors.empty() ? nullptr : alerts_.rule_for_node(ancestors.front());
}

ExpectedAlert NodeTestPlanner::expected(const AlertRule& rule, const ScenarioBuilder& builder) const {
  ExpectedAlert alert;
  alert.labels = builder.result_labels(rule.node, TestHost::A);
  for (const auto& [label, value] : rule.labels) alert.labels[label] = value;
  alert.rule = &rule;
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
                               const std::string& implied_reason, const AlertRule* parent_fires) {
  ScenarioBuilder builder(model_);
  int64_t until = 0;
  for (const auto& check : checks) until = std::max(until, check.first);
  if (parent_fires) until = std::max(until, fire_time(parent_fires->node));
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
      recorder_.skip({rule.name, title + ": " + implied_reason});
    }
    return;
  }
  TestCase test{rule.name, {rule_index_}, title, std::move(*series), {}, {}};
  bool path_holds = false;
  for (const auto& [time, fires] : checks) {
    AlertCheck check{rule.name, time, {}};
    if (fires) check.expected.push_back(expected(rule, builder));
    test.checks.push_back(check);
    path_holds = path_holds || fires;
  }
  if (const RecordingRule* record = node_state_record(alerts_, rule.node)) {
    test.expr_checks.push_back(record_check(model_, *record, checks.back().first, path_holds));
  }
  if (parent_fires) {
    test.checks.push_back({parent_fires->name, until, {expected(*parent_fires, builder)}});
  }
  recorder_.add(test);
}

void NodeTestPlanner::plan(int rule_index) {
  rule_index_ = rule_index;
  const AlertRule& rule = alerts_.rules[rule_index];
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
  const AlertRule* parent = parent_rule(node);
  add_case(rule, parent ? "silent when its own condition does not hold, while its parent's alert fires"
                        : "silent when its own condition does not hold",
           own_false, {{fire, false}}, "its ancestors' conditions imply its own", parent);

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

// Absence alerts, all in two cases (so the file grows linearly with the
// metrics): with only the service's `up`, every absence alert fires, each with
// its metric label, after `for`; with every metric reported, none does.
void plan_absence_tests(const Model& model, const AlertPlan& alerts, CaseRecorder& recorder) {
  std::vector<int> rules;
  for (size_t i = 0; i < alerts.rules.size(); ++i) {
    if (alerts.rules[i].node < 0) rules.push_back(static_cast<int>(i));
  }
  if (rules.empty()) return;
  const AlertRule& first = alerts.rules[rules.front()];
  int64_t step = model.test_interval.ms;
  int64_t fire = round_up(first.for_duration.ms, step);
  std::map<std::string, std::string> host = host_labels(model, TestHost::A);
  std::map<std::string, std::string> up_labels = host;
  up_labels["instance"] = host.begin()->second + ":service";
  up_labels["job"] = model.service_job;
  TestSeries up{series_selector("up", up_labels), "1+0x" + std::to_string(fire / step + 2)};

  TestCase missing{first.name, rules, "every absence alert fires after `for` " + first.for_duration.text +
                                          " when its metric is missing while the service is scraped", {up}, {}, {}};
  AlertCheck firing{first.name, fire, {}};
  TestCase present{first.name, rules, "silent while every watched metric is reported", {up}, {{first.name, fire, {}}}, {}};
  for (int index : rules) {
    const AlertRule& rule = alerts.rules[index];
    ExpectedAlert alert;
    alert.labels = host;
    for (const auto& [label, value] : rule.labels) alert.labels[label] = value;
    alert.rule = &rule;
    firing.expected.push_back(alert);
    present.series.push_back({series_selector(rule.absent_metric, up_labels), up.values});
  }
  if (fire - step >= 0) missing.checks.push_back({first.name, fire - step, {}});
  missing.checks.push_back(firing);
  recorder.add(missing);
  recorder.add(present);
}

// A node alert's cases; none when a node on its path cannot be given series.
void plan_node_tests(const Model& model, const AlertPlan& alerts, int rule_index, CaseRecorder& recorder,
                     Diagnostics& diagnostics) {
  // Every node on the path needs series: derived or from examples. check_model
  // reports the ones that have neither; planning them would have nothing to build.
  int node = alerts.rules[rule_index].node;
  std::vector<int> path = model.conditioned_ancestors(node);
  path.push_back(node);
  for (int n : path) {
    if (!model.nodes[n].examples && !model.nodes[n].when->analysis.derivable()) return;
  }
  NodeTestPlanner(model, alerts, recorder, diagnostics).plan(rule_index);
}

}  // namespace

std::map<std::string, std::string> ExpectedAlert::annotations() const {
  std::map<std::string, std::string> result;
  for (const auto& [name, text] : rule->annotations) result[name] = expand_template(text, labels);
  return result;
}

std::optional<TestPlan> plan_tests(const Model& model, const AlertPlan& alerts, const TestCaseSink& sink,
                                   Diagnostics& diagnostics) {
  TestPlan plan;
  plan.cases_per_rule.assign(alerts.rules.size(), 0);
  CaseRecorder recorder(plan, sink);
  size_t errors_before = diagnostics.count();
  for (size_t index = 0; index < alerts.rules.size(); ++index) {
    if (alerts.rules[index].node >= 0) plan_node_tests(model, alerts, static_cast<int>(index), recorder, diagnostics);
  }
  plan_absence_tests(model, alerts, recorder);
  if (diagnostics.count() > errors_before) return std::nullopt;
  return plan;
}

}  // namespace symptree
