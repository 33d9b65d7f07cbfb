// Join labels decided by label inference: the first clause that removes a
// join_on label from a host-scoped condition's result is the error's place.
#include "generator/check/join_label_check.h"

#include "generator/model/label_catalog.h"

namespace symptree {
namespace {

// What to change at the clause that dropped the label.
std::string remedy(const promql::Drop& drop, const std::string& label) {
  switch (drop.kind) {
    case promql::DropKind::By: return "add it to by (...)";
    case promql::DropKind::Without: return "remove it from without (...)";
    case promql::DropKind::Aggregation: return "keep it with by (" + label + ", ...)";
    case promql::DropKind::On: return "add it to on (...)";
    case promql::DropKind::Ignoring: return "remove it from ignoring (...)";
    default: return drop.reason;
  }
}

std::string joined(const std::vector<std::string>& labels) {
  std::string text;
  for (const std::string& label : labels) text += (text.empty() ? "" : ", ") + label;
  return text;
}

}  // namespace

void check_join_labels(const Model& model, Diagnostics& diagnostics) {
  if (model.join_on.empty()) return;
  promql::LabelCatalog catalog = label_catalog(model);
  for (const Node& node : model.nodes) {
    if (node.kind != NodeKind::Alert || !node.when || !node.when->analysis.ast || node.scope != NodeScope::Host) continue;
    promql::LabelInference labels = promql::infer_labels(*node.when->analysis.ast, catalog);
    for (const std::string& label : model.join_on) {
      if (labels.presence(label) != promql::Presence::Absent) continue;
      std::optional<promql::Drop> drop = labels.why_absent(label);
      size_t offset = drop ? drop->pos.start : 0;
      diagnostics.error(node.when->position_at(offset),
                        "the result has no '" + label + "': " + (drop ? remedy(*drop, label) : "keep it"),
                        "'" + node.id + "' holds per host, so its alert must carry " + joined(model.join_on) +
                             " for the causes under it to join on" + (drop ? " (" + drop->reason + ")" : "") +
                            "; or make the node `scope: cluster`");
      break;
    }
  }
}

}  // namespace symptree
