// Shared wording of nodes for the human-facing outputs.
#include "generator/emit/flowchart_text.h"

#include <set>

namespace symptree {

std::string enforcement_text(const Model& model, const AlertPlan& alerts, int node) {
  const Node& n = model.nodes[node];
  if (n.kind == NodeKind::Manual) return "manual: " + n.manual_reason;
  if (n.kind == NodeKind::Group) return "no alert of its own (groups its causes)";
  const AlertRule* rule = alerts.rule_for_node(node);
  std::string scope = model.is_cluster(node) ? " (one for the cluster)" : "";
  return "alert `" + (rule ? rule->name : n.alert_name) + "`" + scope;
}

std::string badge_text(const Model& model, const AlertPlan& alerts, int node) {
  const Node& n = model.nodes[node];
  if (n.kind == NodeKind::Manual) return "manual";
  std::string priority = n.priority >= 0 ? model.priority_of(node).name + " · " : "";
  if (n.kind == NodeKind::Group) return priority + "no alert of its own";
  const AlertRule* rule = alerts.rule_for_node(node);
  return priority + (rule ? rule->name : n.alert_name);
}

std::string priority_text(const Priority& priority) {
  std::string text = priority.name;
  if (!priority.label.empty() && priority.label != priority.name) text += " " + priority.label;  // the reader defaults it to the name
  return text + ", respond within " + priority.response.text;
}

std::string receiver_text(const Model& model, int node) {
  if (model.nodes[node].priority < 0) return "";
  const std::string& name = model.priority_of(node).receiver;
  for (const Receiver& receiver : model.receivers) {
    if (receiver.name == name) return name + " (" + receiver.kind + ")";
  }
  return name;
}

std::string runbook_text(const RunbookLink& link) {
  std::string file = link.path;
  if (size_t slash = file.rfind('/'); slash != std::string::npos) file = file.substr(slash + 1);
  if (!link.section.empty()) return file + ", section " + link.section;
  if (!link.anchor.empty()) return file + "#" + link.anchor;
  return file;
}

std::string runbook_url(const Model& model, int node) {
  const std::optional<RunbookLink>& link = model.nodes[node].runbook;
  return link ? link->url : "";
}

std::string diagram_id(const Node& node) { return "n_" + node.id; }

std::string priority_colour(int priority) {
  static const char* const colours[] = {"#f4b6b6", "#f9d3a5", "#fbeea8", "#cfe2f3"};
  if (priority >= 0 && priority < 4) return colours[priority];
  return "#e6e6e6";
}

std::vector<const DiagnosticCommand*> diagnostics_for(const Model& model, int node) {
  std::vector<const DiagnosticCommand*> result;
  std::set<std::string> seen;
  for (int at = node; at >= 0; at = model.nodes[at].parent) {
    for (const DiagnosticCommand& command : model.nodes[at].diagnostics) {
      if (seen.insert(command.run).second) result.push_back(&command);
    }
  }
  return result;
}

std::vector<NodeDiagnostic> section_diagnostics(const Model& model, int root) {
  std::vector<NodeDiagnostic> result;
  std::set<std::string> seen;
  int end = root + subtree_size(model, root);
  for (int node = root; node < end; ++node) {
    for (const DiagnosticCommand& command : model.nodes[node].diagnostics) {
      if (seen.insert(command.run).second) result.push_back({node, &command});
    }
  }
  return result;
}

int subtree_size(const Model& model, int node) {
  int end = node + 1;
  while (end < static_cast<int>(model.nodes.size()) && model.nodes[end].depth > model.nodes[node].depth) ++end;
  return end - node;
}

}  // namespace symptree
