// Building alerting rules from the flowchart: path semantics and absence alerts.
#include "generator/model/alert_plan.h"

#include <algorithm>
#include <set>

#include "common/join.h"
#include "common/probe_catalog.h"
#include "common/quoting.h"
#include "generator/model/alert_labels.h"
#include "generator/model/alert_template.h"
#include "generator/model/grafana_ids.h"
#include "generator/model/node_state_rules.h"

namespace symptree {
namespace {

const char* const kClusterPrefix = "Across the cluster: ";

std::string trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\n");
  size_t last = text.find_last_not_of(" \t\n");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

// "On host {{ $labels.host }}: " for the alert's join labels (a node's own, the
// spec's for an absence alert); "Across the cluster: " for an alert that has none.
std::string where_prefix(const std::vector<std::string>& labels, bool cluster) {
  if (cluster) return kClusterPrefix;
  std::vector<std::string> parts;
  for (const std::string& label : labels) parts.push_back(label + " {{ $labels." + label + " }}");
  return "On " + join(parts, ", ") + ": ";
}

// "on (host)": the labels of both join sets; "on ()" (while it holds
// anywhere) when they share none, as for a cluster-scoped ancestor.
std::string join_to(const Model& model, int node, int ancestor) {
  return "on (" + join(model.shared_join(node, ancestor), ", ") + ")";
}

// PathForm::Inline: the node's condition joined with its nearest conditioned
// ancestor's, itself joined with the next one's, and so on: each link on the
// labels its two nodes share. Costs the depth of the node in conditions.
std::string inline_path_expression(const Model& model, int node, const std::vector<int>& ancestors) {
  std::vector<int> chain = {node};
  chain.insert(chain.end(), ancestors.begin(), ancestors.end());
  std::string expr = "(\n  " + trim(model.nodes[chain.back()].when->expr) + "\n)";
  for (size_t k = chain.size() - 1; k-- > 0;) {
    std::string inner = k + 2 == chain.size() ? expr : "(\n" + expr + "\n)";  // one condition needs no more parentheses
    expr = "(\n  " + trim(model.nodes[chain[k]].when->expr) + "\n)\nand " + join_to(model, chain[k], chain[k + 1]) +
           "\n" + inner;
  }
  return expr;
}

// PathForm::Joined: the node's condition joined with its nearest conditioned
// ancestor's "holds" record, which says the ancestor's whole path holds and is
// evaluated earlier in the same group (render_rules writes a group's records
// first, in tree order). Costs one condition and one series lookup.
std::string joined_path_expression(const Model& model, int node, int parent) {
  return "(\n  " + trim(model.nodes[node].when->expr) + "\n)\nand " + join_to(model, node, parent) + "\n" +
         node_state_selector(model, parent);
}

std::string path_expression(const Model& model, int node, PathForm form) {
  std::vector<int> ancestors = model.conditioned_ancestors(node);
  if (ancestors.empty()) return trim(model.nodes[node].when->expr);
  return form == PathForm::Inline ? inline_path_expression(model, node, ancestors)
                                  : joined_path_expression(model, node, ancestors.front());
}

std::string diagnostics_text(const Model& model, int node) {
  std::vector<std::string> lines;
  std::vector<int> sources = {node};
  if (model.nodes[node].root != node) sources.push_back(model.nodes[node].root);
  for (int source : sources) {
    for (const DiagnosticCommand& command : model.nodes[source].diagnostics) {
      lines.push_back(command.run + (command.why.empty() ? "" : "  # " + command.why));
    }
  }
  return template_literal(join(lines, "\n"));
}

bool has_alerting_descendant(const Model& model, int node) {
  for (int child : model.nodes[node].children) {
    if (model.nodes[child].kind == NodeKind::Alert || has_alerting_descendant(model, child)) return true;
  }
  return false;
}

// `into` with `fields` added; a name already there takes the new value in place.
void overlay(LabelList& into, const CustomFields& fields) {
  for (const auto& field : fields) {  // not a structured binding: clang's C++17 cannot capture one
    auto it = std::find_if(into.begin(), into.end(), [&](const auto& entry) { return entry.first == field.first; });
    if (it == into.end()) into.push_back(field);
    else it->second = field.second;
  }
}

// The spec's own labels (or annotations) for `node`: the top level's, then each
// ancestor's from the symptom down, then the node's; the nearest wins.
LabelList custom_fields(const Model& model, int node, CustomFields Node::*field, const CustomFields& top) {
  std::vector<int> path;
  for (int at = node; at >= 0; at = model.nodes[at].parent) path.push_back(at);
  LabelList fields;
  overlay(fields, top);
  for (auto it = path.rbegin(); it != path.rend(); ++it) overlay(fields, model.nodes[*it].*field);
  return fields;
}

// A custom annotation is a template, checked as it was read: written as given.
void add_annotations(LabelList& into, const LabelList& fields) {
  for (const auto& field : fields) into.push_back(field);
}

// The node's path as one short sentence without templates (monitoring-mixins'
// style: capitalised, ending with a period): "Disk full → Disk >98% (emergency)."
// The titles are the flowchart's questions; the last one's "?" gives way to the
// period, and an exclamation mark stays as the sentence's end.
std::string summary_text(const Model& model, int node) {
  std::string text = model.path_text(node);
  while (!text.empty() && (text.back() == '?' || text.back() == '.' || text.back() == ' ')) text.pop_back();
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  if (text.empty() || text.back() != '!') text += ".";
  return template_literal(text);
}

// Whether `text` already ends a sentence (".", "?" or "!", spaces aside).
bool ends_sentence(const std::string& text) {
  size_t last = text.find_last_not_of(' ');
  return last != std::string::npos && (text[last] == '.' || text[last] == '?' || text[last] == '!');
}

// Whether `text` has an action (`{{ ... }}`), not only literal text.
bool has_template_action(const std::string& text) {
  TemplateError error;
  std::optional<AlertTemplate> parsed = parse_alert_template(text, error);
  return parsed && std::any_of(parsed->parts.begin(), parsed->parts.end(),
                               [](const TemplatePart& part) { return !part.pipeline.empty(); });
}

// A cluster-wide alert's description names no object, so, unless its own text
// already uses a template, it states the condition's value: the page then says
// how bad it is, and the text has a template as monitoring-mixins ask. Only
// where the tests know the value: derived series, or examples with `value:`.
std::string cluster_prefix(const Node& node) {
  bool value_known = !node.examples || node.examples->value;
  if (!value_known || (node.description_place && has_template_action(node.description))) return kClusterPrefix;
  return "Across the cluster (value {{ $value | humanize }}): ";
}

AlertRule node_rule(const Model& model, int index, PathForm form, const std::string& group) {
  const Node& node = model.nodes[index];
  const Node& root = model.nodes[node.root];
  AlertRule rule;
  rule.name = node.alert_name;
  rule.node = index;
  rule.group = group;
  rule.expr = path_expression(model, index, form);
  rule.for_duration = node.for_duration;
  rule.priority = node.priority;
  rule.cluster = model.is_cluster(index);
  rule.labels = alert_rule_labels(model, index);
  // A written description is a template; the title standing in for it is plain text.
  std::string description = (rule.cluster ? cluster_prefix(node) : where_prefix(model.join_of(index), false)) +
                            (node.description_place ? node.description : template_literal(node.description));
  if (has_alerting_descendant(model, index)) {
    description += ends_sentence(description) ? " " : ". ";
    description += "If no cause alert of this section fires with it, the flowchart does not cover this case: "
                   "run the diagnostics and follow the runbook.";
  }
  rule.annotations = {{"summary", summary_text(model, index)},
                      {"description", description},
                      {"runbook_url", node.runbook ? node.runbook->url : ""},
                      {"flowchart_section", template_literal(root.title)}};
  std::string diagnostics = diagnostics_text(model, index);
  if (!diagnostics.empty()) rule.annotations.emplace_back("diagnostics", diagnostics);
  std::string dashboard_url = dashboard_url_template(model, index);
  if (!dashboard_url.empty()) rule.annotations.emplace_back("dashboard_url", dashboard_url);
  add_annotations(rule.annotations, custom_fields(model, index, &Node::annotations, model.annotations));
  return rule;
}

// For an exporter metric, the label naming its probe and the spec's probes of
// that kind: on a host that runs two services, the other service's process or
// filesystem must not stand in for this one's.
void set_probe_filter(const Model& model, AlertRule& rule) {
  const ProbeKind* kind = probe_for_metric(rule.absent_metric);
  if (!kind) return;
  for (const MetricInfo& info : kind->metrics) {
    if (info.name != rule.absent_metric || info.labels.empty()) continue;
    if (info.labels.front() != "name" && info.labels.front() != "port") return;
    rule.absent_label = info.labels.front();
    rule.absent_values = model.host.probe_identities(kind->key);
  }
  if (rule.absent_values.empty()) rule.absent_label.clear();
}

// The metric as the absence alert looks for it: from the spec's own probes.
std::string watched_selector(const AlertRule& rule) {
  if (!rule.absent_matchers.empty()) return selector_text(rule.absent_metric, rule.absent_matchers);
  if (rule.absent_label.empty()) return rule.absent_metric;
  if (rule.absent_values.size() == 1) {
    return rule.absent_metric + "{" + rule.absent_label + "=" + double_quote(rule.absent_values.front()) + "}";
  }
  std::vector<std::string> alternatives;
  for (const std::string& value : rule.absent_values) alternatives.push_back(regex_literal(value));
  return rule.absent_metric + "{" + rule.absent_label + "=~\"" + join(alternatives, "|") + "\"}";
}

// `group by (host) (up{job="svc"} [== 1]) unless on (host) group by (host) (metric)`:
// per host. For a metric only cluster-scoped nodes read, `group by ()`: while
// the service is up somewhere and no host reports the metric, one alert.
// A declared source's metric: its own job's `up`, one alert while no target of it exposes the metric.
// A cluster-wide alert keeps the `job` of the `up` it reads (`group by (job)`), so its text can name it.
std::string absence_expression(const Model& model, const AlertRule& rule) {
  std::string by = "(" + join(rule.absence_by, ", ") + ")";
  const Source* source = model.source_of(rule.absent_metric);
  bool from_app = probe_for_metric(rule.absent_metric) == nullptr;
  std::string job = source ? source->job : model.service_job;
  std::string up = "up{job=\"" + job + "\"}" + (from_app ? " == 1" : "");
  std::string up_by = rule.cluster ? "(job)" : by;
  return "group by " + up_by + " (" + up + ")\nunless on " + by + "\ngroup by " + by + " (" + watched_selector(rule) + ")";
}

}  // namespace

std::vector<std::string> absence_labels(const Model& model, const std::string& metric, const std::vector<int>& readers) {
  bool all_cluster = std::all_of(readers.begin(), readers.end(), [&](int reader) { return model.is_cluster(reader); });
  if (all_cluster || model.source_of(metric)) return {};
  // Per host only when some reader carries every join label of the spec:
  // nodes joined on other labels (`join_on: [node]`) need not carry them, so
  // the metric is missing only when no series reports it.
  bool some_on_spec_join = std::any_of(readers.begin(), readers.end(), [&](int reader) {
    if (model.is_cluster(reader)) return false;
    const std::vector<std::string>& own = model.join_of(reader);
    return std::all_of(model.join_on.begin(), model.join_on.end(), [&](const std::string& label) {
      return std::find(own.begin(), own.end(), label) != own.end();
    });
  });
  return some_on_spec_join ? model.join_on : std::vector<std::string>{};
}

std::vector<std::string> absence_result_labels(const std::vector<std::string>& by) {
  return by.empty() ? std::vector<std::string>{"job"} : by;
}

namespace {

AlertRule absence_rule(const Model& model, const WatchedSelector& watched) {
  const std::string& metric = watched.metric;
  const std::vector<int>& readers = watched.readers;
  int priority = static_cast<int>(model.priorities.size()) - 1;
  std::vector<std::string> alert_names;
  for (int reader : readers) {
    priority = std::min(priority, model.nodes[reader].priority);
    alert_names.push_back(model.nodes[reader].alert_name);
  }
  const Node& first = model.nodes[readers.front()];
  bool from_app = probe_for_metric(metric) == nullptr;
  const Source* owner = model.source_of(metric);
  std::vector<std::string> by = absence_labels(model, metric, readers);
  bool cluster = by.empty();
  AlertRule rule;
  rule.name = model.alert_prefix + "MetricAbsent";
  rule.absent_metric = metric;
  rule.group = model.service + ".absence";
  rule.for_duration = model.absence_for;
  rule.priority = priority;
  rule.cluster = cluster;
  rule.absence_by = by;
  rule.absent_matchers = watched.matchers;
  set_probe_filter(model, rule);
  rule.expr = absence_expression(model, rule);
  rule.labels = {{"severity", model.priorities[priority].severity},
                 {"priority", model.priorities[priority].name},
                 {kServiceLabel, model.service},
                 {"metric", metric}};
  // The selector names which of the metric's series: one alert per selector in Alertmanager.
  if (!rule.absent_matchers.empty()) rule.labels.emplace_back(kSelectorLabel, watched_selector(rule));
  std::string seen = rule.absent_matchers.empty() ? metric : template_literal(watched_selector(rule));
  std::string probes = rule.absent_label.empty() ? "" : " for " + rule.absent_label + " " + join(rule.absent_values, ", ");
  std::string source = from_app ? "the service is up but does not expose it"
                                : "the service is scraped but symptree-exporter does not report it" + probes;
  if (cluster) {
    source = from_app ? "the service (job {{ $labels.job }}) is up but no host exposes it"
                      : "the service (job {{ $labels.job }}) is scraped but no host's symptree-exporter reports it";
  }
  if (owner) {
    source = "the " + owner->name + " source (job {{ $labels.job }}) is up but none of its targets exposes it";
  }
  rule.annotations = {
      {"summary", "The flowchart cannot see " + seen + ", so the alerts that read it cannot fire."},
      {"description", where_prefix(by, cluster) + "no series of " + seen + ": " + source +
                          ". Blind alerts: " + join(alert_names, ", ") + "."},
      {"runbook_url", first.runbook ? first.runbook->url : ""}};
  overlay(rule.labels, model.labels);
  add_annotations(rule.annotations, model.annotations);
  return rule;
}

// The rule group of each alerting node ("" for the others): the first
// kMaxGroupRules / 2 alerting nodes of a section in tree order go to
// "<service>.<section>", the next to "<service>.<section>.2", and so on.
// Nodes are stored in pre-order, so each group is a contiguous run of rules.
std::vector<std::string> node_groups(const Model& model) {
  std::vector<std::string> groups(model.nodes.size());
  std::map<int, size_t> placed;  // section (root node) -> its alerting nodes so far
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    if (model.nodes[i].kind != NodeKind::Alert) continue;
    int root = model.nodes[i].root;
    size_t chunk = placed[root]++ / (kMaxGroupRules / 2);
    groups[i] = model.service + "." + model.nodes[root].id + (chunk > 0 ? "." + std::to_string(chunk + 1) : "");
  }
  return groups;
}

// How `node`'s rules state its path: joined to its parent's record only when
// that record is in the same group (evaluated before it, at the same time).
PathForm node_path_form(const Model& model, int node, const std::vector<std::string>& groups, PathForm form) {
  std::vector<int> ancestors = model.conditioned_ancestors(node);
  if (form == PathForm::Joined && !ancestors.empty() && groups[ancestors.front()] != groups[node]) return PathForm::Inline;
  return form;
}

}  // namespace

const AlertRule* AlertPlan::rule_for_node(int node) const {
  auto it = rule_by_node.find(node);
  return it == rule_by_node.end() ? nullptr : &rules[it->second];
}

const std::vector<std::string>& reserved_alert_labels() {
  static const std::vector<std::string> names = {"alertname", "severity",    "priority", kServiceLabel, kSymptomLabel,
                                                 kNodeLabel,  "metric",      kSelectorLabel, "instance", "job"};
  return names;
}

LabelList alert_rule_labels(const Model& model, int node) {
  const Node& at = model.nodes[node];
  LabelList labels;
  if (at.priority >= 0 && at.priority < static_cast<int>(model.priorities.size())) {  // else an error says why
    labels = {{"severity", model.priorities[at.priority].severity}, {"priority", model.priorities[at.priority].name}};
  }
  labels.insert(labels.end(), {{kServiceLabel, model.service}, {kSymptomLabel, model.nodes[at.root].id}, {kNodeLabel, at.id}});
  overlay(labels, custom_fields(model, node, &Node::labels, model.labels));
  return labels;
}

const std::vector<std::string>& reserved_alert_annotations() {
  static const std::vector<std::string> names = {"summary",     "description",       "runbook_url",
                                                 "diagnostics", "flowchart_section", "dashboard_url"};
  return names;
}

AlertPlan plan_alerts(const Model& model, PathForm form) {
  AlertPlan plan;
  // Nodes are stored in pre-order, so each symptom's subtree is contiguous.
  std::vector<std::string> groups = node_groups(model);
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    if (model.nodes[i].kind != NodeKind::Alert) continue;
    int node = static_cast<int>(i);
    plan.rule_by_node[node] = plan.rules.size();
    plan.rules.push_back(node_rule(model, node, node_path_form(model, node, groups, form), groups[i]));
    if (plan.groups.empty() || plan.groups.back() != plan.rules.back().group) plan.groups.push_back(plan.rules.back().group);
  }
  // Absence alerts, at most kMaxGroupRules a group: <service>.absence, <service>.absence.2, ...
  std::vector<WatchedSelector> watched = watched_selectors(model);
  for (size_t i = 0; i < watched.size(); ++i) {
    AlertRule rule = absence_rule(model, watched[i]);
    size_t chunk = i / kMaxGroupRules;
    if (chunk > 0) rule.group += "." + std::to_string(chunk + 1);
    if (i % kMaxGroupRules == 0) plan.groups.push_back(rule.group);
    plan.rules.push_back(std::move(rule));
  }
  plan.records = node_state_records(plan);
  return plan;
}

}  // namespace symptree
