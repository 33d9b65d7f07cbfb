// A cluster-scoped condition must aggregate the join_on labels (and `instance`,
// which differs from host to host) away, or every host that reports it gives
// its own alert. Checked here where the condition shows it: no aggregation at
// all, or a simple comparison whose aggregation keeps such a label. Anything
// else is left to the generated tests, which give the condition's series on
// two hosts and expect one alert.
// The mirror: a host-scoped condition that visibly aggregates a join_on label
// away gives alerts that cannot say which host they are about.
#include "generator/check/scope_check.h"

#include <algorithm>

namespace symptree {
namespace {

// The labels that tell hosts apart: join_on and instance.
std::vector<std::string> per_host_labels(const Model& model) {
  std::vector<std::string> labels = model.join_on;
  labels.push_back("instance");
  return labels;
}

// The first per-host label `aggregation` keeps, or "".
std::string kept_label(const Aggregation& aggregation, const std::vector<std::string>& per_host) {
  for (const std::string& label : per_host) {
    bool listed = std::find(aggregation.labels.begin(), aggregation.labels.end(), label) != aggregation.labels.end();
    if (listed != aggregation.without) return label;
  }
  return "";
}

std::string aggregated_hint(const Model& model) {
  std::string labels;
  for (const std::string& label : per_host_labels(model)) labels += (labels.empty() ? "" : ", ") + label;
  return "aggregate them away, e.g. `max without (" + labels + ") (...)` or `max by (state) (...)`";
}

void check_node(const Model& model, const Node& node, Diagnostics& diagnostics) {
  const Condition& condition = *node.when;
  std::string one_per_host = ": every host reporting it would give its own alert instead of one for the cluster";
  if (condition.analysis.keeps_series_labels) {
    diagnostics.error(condition.where,
                      "'" + node.id + "' is cluster-scoped, but its condition keeps each series' labels" + one_per_host,
                      aggregated_hint(model));
    return;
  }
  for (const SimpleComparison& comparison : condition.analysis.alternatives) {
    if (!comparison.aggregation) {
      diagnostics.error(condition.where,
                        "'" + node.id + "' is cluster-scoped, but its condition reads " + comparison.metric +
                            " without aggregating" + one_per_host,
                        aggregated_hint(model));
      return;
    }
    std::string label = kept_label(*comparison.aggregation, per_host_labels(model));
    if (label.empty()) continue;
    diagnostics.error(condition.position_at(comparison.aggregation->labels_offset),
                      "'" + node.id + "' is cluster-scoped, but its condition keeps the label '" + label +
                          "', which differs from host to host" + one_per_host,
                      comparison.aggregation->without ? "add '" + label + "' to `without (...)`"
                                                      : "remove '" + label + "' from `by (...)`");
    return;
  }
}

// The first join_on label `aggregation` drops, or "".
std::string dropped_label(const Aggregation& aggregation, const std::vector<std::string>& join_on) {
  for (const std::string& label : join_on) {
    if (kept_label(aggregation, {label}).empty()) return label;
  }
  return "";
}

void check_host_node(const Model& model, const Node& node, Diagnostics& diagnostics) {
  const Condition& condition = *node.when;
  for (const SimpleComparison& comparison : condition.analysis.alternatives) {
    if (!comparison.aggregation) continue;
    std::string label = dropped_label(*comparison.aggregation, model.join_on);
    if (label.empty()) continue;
    diagnostics.error(condition.position_at(comparison.aggregation->offset),
                      "'" + node.id + "' is host-scoped, but its condition aggregates the label '" + label +
                          "' away: its alert could not say which host it is about",
                      "keep it, e.g. `" + comparison.aggregation->op + " by (" + label +
                          ") (...)`, or make the node `scope: cluster`");
    return;
  }
}

}  // namespace

void check_scopes(const Model& model, Diagnostics& diagnostics) {
  for (const Node& node : model.nodes) {
    if (node.kind != NodeKind::Alert || !node.when) continue;
    if (node.scope == NodeScope::Cluster) {
      check_node(model, node, diagnostics);
    } else {
      check_host_node(model, node, diagnostics);
    }
  }
}

}  // namespace symptree
