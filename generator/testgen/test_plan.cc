// Planning the test cases of each alert.
#include "generator/testgen/test_plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "generator/model/alert_labels.h"
#include "generator/model/parsed_annotations.h"
#include "generator/model/join_pins.h"
#include "generator/model/node_state_rules.h"
#include "generator/model/range_windows.h"
#include "generator/model/series_values.h"
#include "generator/testgen/absence_tests.h"
#include "generator/testgen/case_recorder.h"
#include "generator/testgen/test_steps.h"

namespace symptree {
namespace {

// The node's "holds" record at `eval_ms`: 1 on host A (for the cluster when
// the node is cluster-scoped: no join_on labels) when its path holds, else no series.
ExprCheck record_check(const Model& model, const RecordingRule& record, int64_t eval_ms, bool holds,
                       const PinnedValues& pins) {
  std::string metric = node_state_metric(model, record.node);
  ExprCheck check{metric + "{" + kNodeLabel + "=\"" + model.nodes[record.node].id + "\"}", eval_ms, {}};
  if (!holds) return check;
  std::map<std::string, std::string> labels;
  if (!model.is_cluster(record.node)) labels = host_labels(model, record.node, TestHost::A, pins);
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

// Whether a test gives `node`'s fact on two hosts: a cluster-scoped node's
// derived series, so that its test sees the cluster's hosts all report it and
// expects one alert (a condition that keeps join_on labels gives two). Its
// examples are given once, as written: a copy on a second host would change
// what a condition that counts or sums series sees.
bool reported_by_two_hosts(const Model& model, int node) {
  return model.is_cluster(node) && !model.nodes[node].examples;
}

// Whether the tests of `tested` give its ancestor `node`'s fact on two hosts:
// only under a cluster-scoped alert. Under a host-scoped one the second host's
// series of a cluster ancestor may be series the tested node reads too
// (`max (x) > 10` over `x > 10`): the node would hold, and fire, on host B.
bool reported_by_two_hosts(const Model& model, int node, int tested) {
  return reported_by_two_hosts(model, node) && (node == tested || model.is_cluster(tested));
}

// The facts that `node` holds (or not) in the tests of `tested`: on host A,
// and on host B when reported_by_two_hosts.
void place(const Model& model, int node, int tested, bool holds, std::vector<Fact>& facts) {
  facts.push_back({node, TestHost::A, holds});
  if (reported_by_two_hosts(model, node, tested)) facts.push_back({node, TestHost::B, holds});
}

// When each node's alert fires in its cases (node -> ms), found once per rule
// group: a cause's cases also need its parent's.
// `fires_by`: the alert fires at this time in its firing case; `silent_until`:
// it is silent at every evaluation before this one. They differ when the path
// has examples: their `warmup` is only an upper bound of when the firing series
// make the condition hold (symptree does not evaluate them), so the alert may
// fire any time from `for` after the derived facts settle to `for` after the
// longest warmup.
struct FireTime {
  int64_t fires_by = 0;
  int64_t silent_until = 0;
};

// What the planners of one rule group work out once for each other: when
// each node's alert fires, and each rule's annotation templates (a parent's
// are read by every child's cases).
struct GroupKnowledge {
  std::map<int, FireTime> fire_times;
  std::map<const AlertRule*, ParsedAnnotations> annotations;
};

// Plans the cases of one node's alert.
class NodeTestPlanner {
 public:
  NodeTestPlanner(const Model& model, const AlertPlan& alerts, CaseRecorder& recorder, GroupKnowledge& group,
                  ScenarioMemo& memo, Diagnostics& diagnostics)
      : model_(model), alerts_(alerts), recorder_(recorder), group_(group), memo_(memo), diagnostics_(diagnostics) {}

  void plan(int rule_index);

 private:
  int64_t fire_time(int node) { return fire_window(node).fires_by; }
  FireTime fire_window(int node);
  FireTime find_fire_window(int node) const;
  // The alert `rule` fires with at `eval_ms` in the scenario of `builder`.
  ExpectedAlert expected(const AlertRule& rule, const ScenarioBuilder& builder, int64_t eval_ms);
  // The annotation templates of `rule`, parsed the first time.
  const ParsedAnnotations& annotations_of(const AlertRule& rule);
  // The nearest ancestor that has an alert, or nullptr.
  const AlertRule* parent_rule(int node) const;
  // False (with an error) when a test evaluated until `until_ms` would be too
  // long, or would outlive the examples of a node among `facts`.
  bool fits(const std::vector<Fact>& facts, int64_t until_ms, const AlertRule& rule);
  // Builds the scenario's series; nullopt when the facts contradict each other.
  std::optional<std::vector<TestSeries>> series_for(const std::vector<Fact>& facts, ScenarioBuilder& builder,
                                                    int64_t until_ms, const AlertRule& rule);
  // `parent_fires`: also assert that the parent's alert fires (no cause holds,
  // so the symptom alert must carry the case).
  void add_case(const AlertRule& rule, const std::string& title, const std::vector<Fact>& facts,
                const std::vector<std::pair<int64_t, bool>>& checks, const std::string& implied_reason,
                const AlertRule* parent_fires = nullptr);
  void plan_other_host_cases(const AlertRule& rule, const std::vector<int>& ancestors, int64_t fire);
  void plan_ancestor_false_cases(const AlertRule& rule, const std::vector<int>& ancestors, int64_t fire);
  // Whether the path of `rule` can hold with host-scoped ancestor `falsified`
  // false; else false with `why_not` set.
  bool can_falsify(const AlertRule& rule, const std::vector<int>& ancestors, int falsified,
                   std::string& why_not) const;

  // When `facts` make a node that fixes a join label (model/join_pins.h) hold
  // on another host than A: why that cannot occur; else "".
  std::string held_elsewhere(const std::vector<Fact>& facts) const;

  const Model& model_;
  const AlertPlan& alerts_;
  CaseRecorder& recorder_;
  GroupKnowledge& group_;
  ScenarioMemo& memo_;  // the group's
  int rule_index_ = -1;
  PinnedValues pins_;  // the join label values the path fixes
  Diagnostics& diagnostics_;
  bool failed_ = false;
  std::optional<ExprCheck> holding_record_;  // record_check() of the rule's node while its path holds
};

FireTime NodeTestPlanner::fire_window(int node) {
  auto known = group_.fire_times.find(node);
  if (known != group_.fire_times.end()) return known->second;
  return group_.fire_times[node] = find_fire_window(node);
}

FireTime NodeTestPlanner::find_fire_window(int node) const {
  int64_t warmup = 0;
  std::vector<int> path = model_.conditioned_ancestors(node);
  path.push_back(node);
  for (int n : path) {
    if (model_.nodes[n].examples) warmup = std::max(warmup, model_.nodes[n].examples->warmup.ms);
  }
  // Derived series: from when on the path's conditions hold (rate() windows filling up).
  // The node's facts first, then its ancestors', as the cases add them: the
  // solver then picks the same values, so the time found is the cases' time.
  ScenarioBuilder builder(model_, path_join_pins(model_, node), &memo_);
  std::string ignored;
  std::vector<int> in_case_order = {node};
  in_case_order.insert(in_case_order.end(), path.begin(), path.end() - 1);  // the ancestors, as plan() lists them
  for (int n : in_case_order) {
    builder.add(n, TestHost::A, true, ignored);
    if (reported_by_two_hosts(model_, n, node)) builder.add(n, TestHost::B, true, ignored);
  }
  int64_t settled = builder.settle_ms();
  int64_t for_ms = model_.nodes[node].for_duration.ms;
  FireTime window;
  window.fires_by = round_up(std::max(warmup, settled) + for_ms, model_.test_interval.ms);
  window.silent_until = warmup > settled ? round_up(settled + for_ms, model_.test_interval.ms) : window.fires_by;
  return window;
}

const AlertRule* NodeTestPlanner::parent_rule(int node) const {
  std::vector<int> ancestors = model_.conditioned_ancestors(node);
  return ancestors.empty() ? nullptr : alerts_.rule_for_node(ancestors.front());
}

const ParsedAnnotations& NodeTestPlanner::annotations_of(const AlertRule& rule) {
  auto found = group_.annotations.find(&rule);
  if (found == group_.annotations.end()) found = group_.annotations.emplace(&rule, ParsedAnnotations(rule.annotations)).first;
  return found->second;
}

ExpectedAlert NodeTestPlanner::expected(const AlertRule& rule, const ScenarioBuilder& builder, int64_t eval_ms) {
  ExpectedAlert alert;
  alert.series_labels = builder.result_labels(rule.node, TestHost::A);
  alert.labels = alert.series_labels;
  for (const auto& [label, value] : rule.labels) alert.labels[label] = value;
  alert.rule = &rule;
  const ParsedAnnotations& annotations = annotations_of(rule);
  if (annotations.uses_value()) {
    std::optional<double> value = builder.result_value(rule.node, TestHost::A, eval_ms);
    if (value) {
      alert.value = *value;
    } else if (!failed_) {  // check_templates reports the nodes whose series come from examples
      const Node& node = model_.nodes[rule.node];
      diagnostics_.error(node.where, "cannot build tests for '" + node.id + "': the value of its condition at " +
                                         format_duration(eval_ms) + " is not known, so {{ $value }} cannot be asserted");
      failed_ = true;
    }
  }
  if (!failed_) alert.annotations = annotations.render(alert.series_labels, alert.value);
  return alert;
}

bool NodeTestPlanner::fits(const std::vector<Fact>& facts, int64_t until_ms, const AlertRule& rule) {
  const Node& tested = model_.nodes[rule.node];
  int64_t step = model_.test_interval.ms;
  if (!short_enough(model_, until_ms, tested.where, "'" + tested.id + "'", diagnostics_)) return false;
  for (const Fact& fact : facts) {
    const Node& node = model_.nodes[fact.node];
    if (!node.examples) continue;
    for (const ExampleSeries& series : fact.holds ? node.examples->firing : node.examples->quiet) {
      int64_t covered = (count_series_steps(series.values).value_or(0) - 1) * step;
      if (covered >= until_ms) continue;
      diagnostics_.error(series.where, "cannot build tests for '" + tested.id + "': they run to " +
                                           format_duration(until_ms) + ", past the end of this series of '" + node.id +
                                           "' examples (" + format_duration(std::max<int64_t>(covered, 0)) +
                                           " at the tests' interval " + model_.test_interval.text + ")",
                         "lengthen the series to " + std::to_string(until_ms / step + 1) +
                             " samples or more, or shorten 'for' on the path");
      return false;
    }
  }
  return true;
}

std::optional<std::vector<TestSeries>> NodeTestPlanner::series_for(const std::vector<Fact>& facts,
                                                                   ScenarioBuilder& builder, int64_t until_ms,
                                                                   const AlertRule& rule) {
  for (const Fact& fact : facts) {
    std::string error;
    if (!builder.add(fact.node, fact.host, fact.holds, error)) {
      // A node whose series cannot be built even alone (reading a metric in
      // two ways) is said once, at that node, not again for each cause under it.
      std::string alone_error;
      bool fails_alone = fact.node != rule.node &&
                         !ScenarioBuilder(model_, pins_, &memo_).add(fact.node, fact.host, fact.holds, alone_error);
      const Node& failing = model_.nodes[fails_alone ? fact.node : rule.node];
      diagnostics_.error(failing.where, "cannot build tests for '" + failing.id + "': " + (fails_alone ? alone_error : error),
                         "docs/spec.md, \"Tests, by construction\", says which series symptree derives and when 'examples:' are needed");
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
  if (failed_) return;  // reported once per alert
  if (std::string fixed = held_elsewhere(facts); !fixed.empty()) {
    recorder_.skip({rule.name, title + ": " + fixed});
    return;
  }
  ScenarioBuilder builder(model_, pins_, &memo_);
  std::optional<std::vector<TestSeries>> series = series_for(facts, builder, 0, rule);
  std::vector<std::pair<int64_t, bool>> timed = checks;
  bool quiet = std::none_of(checks.begin(), checks.end(), [](const auto& check) { return check.second; });
  if (series && quiet) {  // a silent case is checked once its derived facts have settled
    int64_t settled = round_up(builder.settle_ms(), model_.test_interval.ms);
    for (auto& check : timed) check.first = std::max(check.first, settled);
  }
  int64_t until = 0;
  for (const auto& check : timed) until = std::max(until, check.first);
  if (parent_fires) until = std::max(until, fire_time(parent_fires->node));
  if (!fits(facts, until, rule)) {
    failed_ = true;
    return;
  }
  if (series) series = builder.build(static_cast<int>(until / model_.test_interval.ms) + 2);
  if (failed_) return;
  if (!series) {
    if (implied_reason.empty()) {
      const Node& node = model_.nodes[rule.node];
      diagnostics_.error(node.when->where, "the condition of '" + node.id +
                                               "' can never hold together with its ancestors' conditions",
                         "a cause fires only while every ancestor's condition holds on the same host");
      failed_ = true;
    } else {
      std::string note = builder.one_series_note();
      recorder_.skip({rule.name, title + ": " + (note.empty() ? implied_reason : note)});
    }
    return;
  }
  TestCase test{rule.name, {rule_index_}, title, std::move(*series), {}, {}};
  bool path_holds = false;
  for (const auto& [time, fires] : timed) {
    AlertCheck check{rule.name, time, {}};
    if (fires) check.expected.push_back(expected(rule, builder, time));
    test.checks.push_back(std::move(check));
    path_holds = path_holds || fires;
  }
  if (const RecordingRule* record = node_state_record(alerts_, rule.node)) {
    if (!holding_record_) holding_record_ = record_check(model_, *record, 0, true, pins_);  // the same in every case
    ExprCheck check{holding_record_->expr, timed.back().first, {}};
    if (path_holds) check.samples = holding_record_->samples;
    test.expr_checks.push_back(std::move(check));
  }
  if (parent_fires) {
    AlertCheck parent_check{parent_fires->name, until, {}};
    parent_check.expected.push_back(expected(*parent_fires, builder, until));
    test.checks.push_back(std::move(parent_check));
  }
  if (failed_) return;
  recorder_.add(test);
}

std::string NodeTestPlanner::held_elsewhere(const std::vector<Fact>& facts) const {
  for (const Fact& fact : facts) {
    if (fact.host == TestHost::A || !fact.holds) continue;
    JoinPins fixed = node_join_pins(model_, fact.node);
    if (fixed.empty()) continue;
    const auto& [label, pin] = *fixed.begin();
    return "'" + model_.nodes[fact.node].id + "' holds only where " + label + "=\"" + pin.value +
           "\", so it cannot hold on another " + label + " alone";
  }
  return "";
}

void NodeTestPlanner::plan(int rule_index) {
  rule_index_ = rule_index;
  const AlertRule& rule = alerts_.rules[rule_index];
  int node = rule.node;
  pins_ = path_join_pins(model_, node);
  std::vector<int> ancestors = model_.conditioned_ancestors(node);
  FireTime window = fire_window(node);
  int64_t fire = window.fires_by;
  int64_t step = model_.test_interval.ms;
  // All facts of `node` and its ancestors, those of `falsified` (if any) not holding.
  auto path_facts = [&](int falsified) {
    std::vector<Fact> facts;
    place(model_, node, node, node != falsified, facts);
    for (int a : ancestors) place(model_, a, node, a != falsified, facts);
    return facts;
  };

  std::vector<std::pair<int64_t, bool>> fires_checks = {{fire, true}};
  int64_t silent = window.silent_until - step;
  if (rule.for_duration.ms > 0 && silent >= 0) fires_checks.insert(fires_checks.begin(), {silent, false});
  std::string fires = !rule.cluster                          ? "fires after `for` "
                      : reported_by_two_hosts(model_, node) ? "fires once for the cluster, its condition holding on two hosts, after `for` "
                                                            : "fires once for the cluster, after `for` ";
  add_case(rule, fires + rule.for_duration.text + " when its condition and its ancestors' hold, silent before",
           path_facts(-1), fires_checks, "");

  const AlertRule* parent = parent_rule(node);
  add_case(rule, parent ? "silent when its own condition does not hold, while its parent's alert fires"
                        : "silent when its own condition does not hold",
           path_facts(node), {{fire, false}}, "its ancestors' conditions imply its own", parent);

  for (int a : ancestors) {
    if (!model_.detached(node, a)) continue;  // one fact for every host: a case of its own
    add_case(rule, "silent when ancestor '" + model_.nodes[a].id + "' does not hold", path_facts(a), {{fire, false}},
             "its own condition implies that ancestor's");
  }
  plan_ancestor_false_cases(rule, ancestors, fire);
  plan_other_host_cases(rule, ancestors, fire);
}

bool NodeTestPlanner::can_falsify(const AlertRule& rule, const std::vector<int>& ancestors, int falsified,
                                  std::string& why_not) const {
  ScenarioBuilder trial(model_, pins_, &memo_);
  std::string error;
  if (!trial.add(rule.node, TestHost::A, true, error)) return true;  // the case itself reports the error
  for (int a : ancestors) {
    if (!model_.detached(rule.node, a) && !trial.add(a, TestHost::A, a != falsified, error)) return true;
  }
  if (trial.build(1)) return true;
  why_not = trial.one_series_note();
  if (why_not.empty()) why_not = "its own condition implies that ancestor's";
  return false;
}

// Silent when a host-scoped ancestor does not hold: one case for all of them,
// linear in the depth, each falsified ancestor on a host of its own (host-a:
// the nearest, host-b: the next, ...) where the rest of the path holds, the
// cluster-scoped ancestors holding. An alert that ignores any one ancestor
// fires on that ancestor's host, and the case fails.
void NodeTestPlanner::plan_ancestor_false_cases(const AlertRule& rule, const std::vector<int>& ancestors,
                                                int64_t fire) {
  std::vector<int> falsified;
  for (int a : ancestors) {
    if (model_.detached(rule.node, a)) continue;
    std::string why_not = "more ancestors than test hosts";
    if (can_falsify(rule, ancestors, a, why_not) && static_cast<int>(falsified.size()) < kMaxTestHosts) {
      falsified.push_back(a);
    } else {
      recorder_.skip({rule.name, "silent when ancestor '" + model_.nodes[a].id + "' does not hold: " + why_not});
    }
  }
  if (falsified.empty()) return;
  std::vector<Fact> facts;
  for (int a : ancestors) {
    if (model_.detached(rule.node, a)) place(model_, a, rule.node, true, facts);
  }
  if (!pins_.empty()) {
    // A node of the path holds only where a join label has its fixed value,
    // host A's: one case for each falsified ancestor, there.
    for (int f : falsified) {
      std::vector<Fact> on_a = facts;
      on_a.push_back({rule.node, TestHost::A, true});
      for (int a : ancestors) {
        if (!model_.detached(rule.node, a)) on_a.push_back({a, TestHost::A, a != f});
      }
      add_case(rule, "silent when ancestor '" + model_.nodes[f].id + "' does not hold", on_a, {{fire, false}}, "");
    }
    return;
  }
  std::string which;
  for (size_t k = 0; k < falsified.size(); ++k) {
    TestHost host = nth_test_host(static_cast<int>(k));
    facts.push_back({rule.node, host, true});
    for (int a : ancestors) {
      if (!model_.detached(rule.node, a)) facts.push_back({a, host, a != falsified[k]});
    }
    which += (k ? ", '" : "'") + model_.nodes[falsified[k]].id + "'";
  }
  std::string title = falsified.size() == 1
                          ? "silent when ancestor " + which + " does not hold"
                          : "silent when any one ancestor does not hold, each on a host of its own (" + which + ")";
  add_case(rule, title, facts, {{fire, false}}, "");
}

// A host-scoped alert is silent when the ancestors it joins on shared labels
// hold only on another host, and fires on its host when those it joins `on ()`
// (cluster-scoped ones, or a path link whose join sets share no label,
// Model::detached) hold only on another host.
void NodeTestPlanner::plan_other_host_cases(const AlertRule& rule, const std::vector<int>& ancestors, int64_t fire) {
  if (rule.cluster) return;  // no host of its own: the fires case already spans two hosts
  bool host_ancestors = false, cluster_ancestors = false, all_cluster = true;
  for (int a : ancestors) {
    (model_.detached(rule.node, a) ? cluster_ancestors : host_ancestors) = true;
    all_cluster = all_cluster && (!model_.detached(rule.node, a) || model_.is_cluster(a));
  }
  if (host_ancestors) {
    // Its own condition must not hold on the other host either: where both read
    // one series, the ancestor's value there could make it hold and fire there.
    std::vector<Fact> other_host = {{rule.node, TestHost::A, true}, {rule.node, TestHost::B, false}};
    for (int a : ancestors) {
      if (model_.detached(rule.node, a)) {
        place(model_, a, rule.node, true, other_host);
      } else {
        other_host.push_back({a, TestHost::A, false});
        other_host.push_back({a, TestHost::B, true});
      }
    }
    add_case(rule, "silent when its ancestors hold only on another host", other_host, {{fire, false}},
             "its own condition implies an ancestor's on the same host, or an ancestor's implies its own");
  }
  if (cluster_ancestors) {
    // Its own condition does not hold on the other host: where it reads the
    // series the ancestors hold by there, it would fire there too.
    std::vector<Fact> cluster_elsewhere = {{rule.node, TestHost::A, true}, {rule.node, TestHost::B, false}};
    for (int a : ancestors) {
      cluster_elsewhere.push_back({a, model_.detached(rule.node, a) ? TestHost::B : TestHost::A, true});
    }
    add_case(rule,
             all_cluster ? "fires on its host while its cluster-scoped ancestors hold, reported only by another host"
                         : "fires on its host while the ancestors it joins `on ()` hold, only on another host",
             cluster_elsewhere, {{fire, true}},
             "where the ancestors it joins `on ()` hold, its own condition holds too (they read the same series)");
  }
}

// A node alert's cases; none when a node on its path cannot be given series.
void plan_node_tests(const Model& model, const AlertPlan& alerts, int rule_index, CaseRecorder& recorder,
                     GroupKnowledge& group, ScenarioMemo& memo, Diagnostics& diagnostics) {
  // Every node on the path needs series: derived or from examples. check_model
  // reports the ones that have neither; planning them would have nothing to build.
  int node = alerts.rules[rule_index].node;
  std::vector<int> path = model.conditioned_ancestors(node);
  path.push_back(node);
  for (int n : path) {
    if (!model.nodes[n].examples && !memo.shape(n)) return;
  }
  NodeTestPlanner(model, alerts, recorder, group, memo, diagnostics).plan(rule_index);
}

}  // namespace

std::vector<RuleRange> rule_group_ranges(const AlertPlan& alerts) {
  std::vector<RuleRange> ranges;
  for (size_t i = 0; i < alerts.rules.size(); ++i) {
    if (ranges.empty() || alerts.rules[i].group != alerts.rules[ranges.back().first].group) ranges.push_back({i, i});
    ranges.back().last = i + 1;
  }
  return ranges;
}

std::vector<std::string> rule_groups_tested(const Model& model, const AlertPlan& alerts, RuleRange range) {
  std::vector<std::string> groups = {alerts.rules[range.first].group};
  std::set<size_t> parents;  // the parents' rules outside the range
  for (size_t i = range.first; i < range.last; ++i) {
    if (alerts.rules[i].node < 0) continue;
    std::vector<int> ancestors = model.conditioned_ancestors(alerts.rules[i].node);
    if (ancestors.empty()) continue;
    auto parent = alerts.rule_by_node.find(ancestors.front());
    if (parent != alerts.rule_by_node.end() && (parent->second < range.first || parent->second >= range.last)) {
      parents.insert(parent->second);
    }
  }
  for (size_t rule : parents) {
    if (std::find(groups.begin(), groups.end(), alerts.rules[rule].group) == groups.end()) groups.push_back(alerts.rules[rule].group);
  }
  return groups;
}

TestPlan plan_range_tests(const Model& model, const AlertPlan& alerts, RuleRange range, const TestCaseSink& sink,
                          Diagnostics& diagnostics) {
  TestPlan plan;
  plan.cases_per_rule.assign(range.last - range.first, 0);
  CaseRecorder recorder(plan, range.first, sink);
  GroupKnowledge group;
  ScenarioMemo memo(model);
  for (size_t index = range.first; index < range.last; ++index) {
    if (alerts.rules[index].node < 0) continue;
    plan_node_tests(model, alerts, static_cast<int>(index), recorder, group, memo, diagnostics);
  }
  plan_absence_tests(model, alerts, range, recorder, diagnostics);
  return plan;
}

void append_plan(TestPlan& plan, TestPlan&& part) {
  plan.case_count += part.case_count;
  plan.cases_per_rule.insert(plan.cases_per_rule.end(), part.cases_per_rule.begin(), part.cases_per_rule.end());
  for (SkippedCase& skipped : part.skipped) plan.skipped.push_back(std::move(skipped));
}

std::optional<TestPlan> plan_tests(const Model& model, const AlertPlan& alerts, const TestCaseSink& sink,
                                   Diagnostics& diagnostics) {
  TestPlan plan;
  size_t errors_before = diagnostics.count();
  for (RuleRange range : rule_group_ranges(alerts)) {
    append_plan(plan, plan_range_tests(model, alerts, range, sink, diagnostics));
  }
  if (diagnostics.count() > errors_before) return std::nullopt;
  return plan;
}

}  // namespace symptree
