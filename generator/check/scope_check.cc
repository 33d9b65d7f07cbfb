// A cluster-scoped condition must aggregate the join_on labels (and `instance`,
// which differs from host to host) away, or every host that reports it gives
// its own alert. Decided by label inference: any of those labels the result
// may still carry is an error (`without (instance)` keeps `host`). The mirror,
// a host-scoped result that cannot carry a join_on label, is join_label_check's.
#include "generator/check/scope_check.h"

#include "generator/model/label_catalog.h"

namespace symptree {
namespace {

// The labels that tell hosts apart: join_on and instance.
std::vector<std::string> per_host_labels(const Model& model) {
  std::vector<std::string> labels = model.join_on;
  labels.push_back("instance");
  return labels;
}

// The outermost aggregation of the condition, where a kept label is to be dropped.
const promql::Node* outermost_aggregation(const promql::Node& root) {
  const promql::Node* found = nullptr;
  promql::walk(root, [&](const promql::Node& node) {
    if (!found && node.kind == promql::NodeKind::Aggregate) found = &node;
  });
  return found;
}

std::string aggregated_hint(const Model& model) {
  std::string labels;
  for (const std::string& label : per_host_labels(model)) labels += (labels.empty() ? "" : ", ") + label;
  return "aggregate them away, e.g. `max without (" + labels + ") (...)` or `max by (state) (...)`";
}

void check_node(const Model& model, const Node& node, const promql::LabelCatalog& catalog, Diagnostics& diagnostics) {
  const Condition& condition = *node.when;
  std::string one_per_host = ": every host reporting it would give its own alert instead of one for the cluster";
  if (condition.analysis.keeps_series_labels) {
    diagnostics.error(condition.where,
                      "'" + node.id + "' is cluster-scoped, but its condition keeps each series' labels" + one_per_host,
                      aggregated_hint(model));
    return;
  }
  promql::LabelInference labels = promql::infer_labels(*condition.analysis.ast, catalog);
  for (const std::string& label : per_host_labels(model)) {
    if (labels.presence(label) == promql::Presence::Absent) continue;
    const promql::Node* aggregation = outermost_aggregation(*condition.analysis.ast);
    SourcePosition where = condition.where;
    std::string hint = aggregated_hint(model);
    if (aggregation && aggregation->has_grouping) {
      where = condition.position_at(aggregation->grouping_pos.start);
      hint = aggregation->without ? "add '" + label + "' to `without (...)`" : "remove '" + label + "' from `by (...)`";
    } else if (aggregation) {
      where = condition.position_at(aggregation->op_pos.start);
    }
    diagnostics.error(where,
                      "'" + node.id + "' is cluster-scoped, but its condition keeps the label '" + label +
                          "', which differs from host to host" + one_per_host,
                      hint);
    return;
  }
}

}  // namespace

void check_scopes(const Model& model, Diagnostics& diagnostics) {
  promql::LabelCatalog catalog = label_catalog(model);
  for (const Node& node : model.nodes) {
    if (node.kind == NodeKind::Alert && node.when && node.when->analysis.ast && node.scope == NodeScope::Cluster) {
      check_node(model, node, catalog, diagnostics);
    }
  }
}

}  // namespace symptree
