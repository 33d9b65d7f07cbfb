// The alerting rules the model implies: one per alerting node (its condition
// joined with its parent's "holds" record, or inline with every ancestor's)
// and one per metric the tree relies on (absence).
// Rules, their tests and every later output read this plan.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "generator/model/model.h"
#include "generator/model/watched_selectors.h"

namespace symptree {

using LabelList = std::vector<std::pair<std::string, std::string>>;  // ordered, as emitted

// One Prometheus alerting rule.
struct AlertRule {
  std::string name;
  int node = -1;              // the flowchart node, or -1 for an absence alert
  std::string absent_metric;  // for absence alerts: the metric watched
  std::string absent_label;   // for an exporter metric: the label naming its probe ("name", "port"), or ""
  std::vector<std::string> absent_values;  // the spec's probes it must come from (another service's do not count)
  std::vector<KeptMatcher> absent_matchers;  // for a declared source's metric: the condition's matchers it keeps
  std::string group;          // rule group name
  std::string expr;
  Duration for_duration;
  int priority = -1;          // index into Model::priorities
  bool cluster = false;       // no join_on labels: one alert for the whole cluster
  std::vector<std::string> absence_by;  // for absence alerts: the labels each alert is per (see absence_labels)
  LabelList labels;
  LabelList annotations;      // alert templates (model/alert_template.h): `description` and custom ones as written
};

// One Prometheus recording rule: whether a node's path holds now, one series
// per node and host. Its name, expression (the alert's, grouped by join_on)
// and labels are derived when written (model/node_state_rules.h), so a
// 10,000-branch plan does not hold them twice.
struct RecordingRule {
  int node = -1;
  size_t rule = 0;  // the node's alert in AlertPlan::rules; the record follows it in its group
};

// How an alert states its path. Joined (the default): its own condition `and
// on (host)` its nearest conditioned ancestor's "holds" record, so each rule
// costs one condition whatever the depth. Inline: its own condition and every
// ancestor's, nearest first (depth conditions each); the same alerts, kept for
// the equivalence test and the rule-evaluation benchmark.
enum class PathForm { Joined, Inline };

// All rules, grouped in flowchart order.
struct AlertPlan {
  std::vector<std::string> groups;
  std::vector<AlertRule> rules;
  std::vector<RecordingRule> records;  // one per alerting node, in the order of `rules`
  std::map<int, size_t> rule_by_node;  // node index -> index in `rules`

  const AlertRule* rule_for_node(int node) const;
};

AlertPlan plan_alerts(const Model& model, PathForm form = PathForm::Joined);

// The most rules a rule group holds (the monitoring-mixins style: at most 20
// rules a group). A section's alerting nodes fill groups of kMaxGroupRules / 2
// in tree order (each has a record and an alert): <service>.<section>,
// <service>.<section>.2, ...; absence alerts likewise, kMaxGroupRules a group.
// A node whose nearest conditioned ancestor went to an earlier group states
// its path inline (PathForm::Inline): groups are evaluated independently, so a
// rule reads only the records of its own group, written before it.
constexpr size_t kMaxGroupRules = 20;

// The labels a spec's own `labels:` may not use: those symptree sets on an
// alert (alertname included) and the target labels every series carries
// (instance, job). The annotations symptree sets, likewise.
const std::vector<std::string>& reserved_alert_labels();

// The labels the alert of alerting node `node` sets: severity, priority, the
// flowchart_* labels, then the spec's own labels (the nearest wins).
LabelList alert_rule_labels(const Model& model, int node);
const std::vector<std::string>& reserved_alert_annotations();

// The labels the absence alerts of `metric` (read by `readers`) are grouped
// by, one alert per value: the spec's join_on for the service's and
// symptree-exporter's metrics (every host runs both); none, one alert for the
// cluster, when only cluster facts, or only nodes joined on other labels, read
// it, and for a declared source's metric: a source's targets need not all
// expose it (a RabbitMQ node that leads no queue has no per-queue series, a
// replica no primary-only ones), so it is missing when no target does, which
// is what a renamed or misspelt metric looks like. (Per join label it fired
// beside the very series it looked for when the source's `up` lacks the label,
// as kube-state-metrics' lacks `namespace`.)
std::vector<std::string> absence_labels(const Model& model, const std::string& metric, const std::vector<int>& readers);

// The labels an absence alert grouped by `by` carries: `by`, or for one alert
// for the cluster (`by` empty) the `job` of the `up` it reads, which its text names.
std::vector<std::string> absence_result_labels(const std::vector<std::string>& by);

}  // namespace symptree
