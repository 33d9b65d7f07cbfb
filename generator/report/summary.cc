// The summary `compile` prints: counts from the alert plan, the tree and the test plan.
#include "generator/report/summary.h"

#include <map>
#include <sstream>
#include <vector>

namespace symptree {

std::string render_summary(const Compilation& c) {
  const Model& model = c.model;
  std::map<int, int> per_priority;
  int node_alerts = 0, absence_alerts = 0;
  for (const AlertRule& rule : c.alerts.rules) {
    if (rule.node >= 0) {
      ++node_alerts;
      ++per_priority[rule.priority];
    } else {
      ++absence_alerts;
    }
  }
  int branches = 0, enforced = 0;
  std::vector<const Node*> manual;
  for (const Node& node : model.nodes) {
    if (node.kind == NodeKind::Manual) manual.push_back(&node);
    if (node.parent < 0 || node.kind == NodeKind::Group) continue;
    ++branches;
    enforced += node.kind == NodeKind::Alert ? 1 : 0;
  }
  std::ostringstream out;
  out << "alerts:   " << node_alerts << " flowchart alerts (";
  for (size_t p = 0; p < model.priorities.size(); ++p) {
    out << (p ? ", " : "") << model.priorities[p].name << ": " << per_priority[static_cast<int>(p)];
  }
  out << ") + " << absence_alerts << " absence alerts\n";
  out << "branches: " << enforced << " of " << branches << " enforced by an alert, " << manual.size() << " manual\n";
  out << "tests:    " << c.tests.case_count << " promtool test cases";
  if (!c.tests.skipped.empty()) out << " (" << c.tests.skipped.size() << " cases cannot occur and are listed in the manifest)";
  out << "\n";
  for (const Node* node : manual) out << "manual:   " << node->id << ": " << node->manual_reason << "\n";
  for (const std::string& note : c.notes) out << "note:     " << note << "\n";
  return out.str();
}

}  // namespace symptree
