// Building the per-node "holds" recording rules from the alerts' expressions.
#include "generator/model/node_state_rules.h"

#include <algorithm>

#include "common/quoting.h"
#include "generator/model/alert_labels.h"

namespace symptree {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// "group by (host) (\n  expr\n)", the expression indented by two spaces;
// "group by ()" for a cluster-scoped alert: one series without join_on labels.
std::string grouped(const std::vector<std::string>& labels, const std::string& expr) {
  std::string body = "  ";
  for (char c : expr) {
    body.push_back(c);
    if (c == '\n') body += "  ";
  }
  return "group by (" + join(labels, ", ") + ") (\n" + body + "\n)";
}

}  // namespace

std::string node_state_metric(const Model& model) { return join(model.join_on, "_") + ":flowchart_node:holds"; }

std::string node_state_metric(const Model& model, int node) {
  const std::vector<std::string>& labels = model.join_of(node);
  if (labels.empty()) return node_state_metric(model);
  return join(labels, "_") + ":flowchart_node:holds";
}

std::vector<std::string> node_state_metrics(const Model& model) {
  std::vector<std::string> metrics = {node_state_metric(model)};
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    std::string metric = node_state_metric(model, static_cast<int>(i));
    if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
  }
  return metrics;
}

std::string node_state_selector(const Model& model, int node) {
  return node_state_metric(model, node) + "{" + kServiceLabel + "=" + double_quote(model.service) + "," + kNodeLabel + "=" +
         double_quote(model.nodes[node].id) + "}";
}

std::vector<RecordingRule> node_state_records(const AlertPlan& plan) {
  std::vector<RecordingRule> records;
  for (size_t i = 0; i < plan.rules.size(); ++i) {
    if (plan.rules[i].node >= 0) records.push_back({plan.rules[i].node, i});
  }
  return records;
}

std::string node_state_expr(const Model& model, const AlertRule& alert) {
  if (alert.cluster) return grouped({}, alert.expr);
  return grouped(alert.node >= 0 ? model.join_of(alert.node) : model.join_on, alert.expr);
}

LabelList node_state_labels(const Model& model, int index) {
  const Node& node = model.nodes[index];
  LabelList labels = {{kServiceLabel, model.service}, {kSymptomLabel, model.nodes[node.root].id}, {kNodeLabel, node.id},
                      {"title", node.title}};
  if (node.runbook) labels.emplace_back("runbook_url", node.runbook->url);
  return labels;
}

const RecordingRule* node_state_record(const AlertPlan& plan, int node) {
  auto it = plan.rule_by_node.find(node);
  // Node rules come first in plan.rules, so a node rule's index is its record's.
  return it == plan.rule_by_node.end() || it->second >= plan.records.size() ? nullptr : &plan.records[it->second];
}

}  // namespace symptree
