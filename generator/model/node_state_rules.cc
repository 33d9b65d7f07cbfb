// Building the per-node "holds" recording rules from the alerts' expressions.
#include "generator/model/node_state_rules.h"

namespace symptree {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// "group by (host) (\n  expr\n)", the expression indented by two spaces.
std::string grouped(const Model& model, const std::string& expr) {
  std::string body = "  ";
  for (char c : expr) {
    body.push_back(c);
    if (c == '\n') body += "  ";
  }
  return "group by (" + join(model.join_on, ", ") + ") (\n" + body + "\n)";
}

}  // namespace

std::string node_state_metric(const Model& model) { return join(model.join_on, "_") + ":flowchart_node:holds"; }

std::vector<RecordingRule> node_state_records(const Model& model, const AlertPlan& plan) {
  std::vector<RecordingRule> records;
  std::string metric = node_state_metric(model);
  for (const AlertRule& rule : plan.rules) {
    if (rule.node < 0) continue;
    const Node& node = model.nodes[rule.node];
    RecordingRule record{metric, rule.node, rule.group, grouped(model, rule.expr), {}};
    record.labels = {{"service", model.service},
                     {"symptom", model.nodes[node.root].id},
                     {"node", node.id},
                     {"title", node.title}};
    if (node.runbook) record.labels.emplace_back("runbook_url", node.runbook->url);
    records.push_back(std::move(record));
  }
  return records;
}

const RecordingRule* node_state_record(const AlertPlan& plan, int node) {
  auto it = plan.rule_by_node.find(node);
  // Node rules come first in plan.rules, so a node rule's index is its record's.
  return it == plan.rule_by_node.end() || it->second >= plan.records.size() ? nullptr : &plan.records[it->second];
}

}  // namespace symptree
