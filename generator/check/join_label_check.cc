// Join labels decided by label inference: the first clause that removes a
// join_on label from a host-scoped condition's result is the error's place, and
// so is the operand of an `or` whose series lack one the other side carries.
#include "generator/check/join_label_check.h"


namespace symptree {
namespace {

// Where `label` is written in the node's own `join_on:` (the list when not found).
SourcePosition own_join_label_where(const Node& node, const std::string& label) {
  for (size_t i = 0; i < node.join_on.size() && i < node.join_label_where.size(); ++i) {
    if (node.join_on[i] == label) return node.join_label_where[i];
  }
  return node.join_where;
}

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

// For a `by (...)` that drops `label`: the listed name that is a typo of it ("hsot"), or "".
std::string misspelled_in_by(const promql::Drop& drop, const std::string& label, const std::string& expr) {
  if (drop.kind != promql::DropKind::By || drop.pos.end > expr.size() || drop.pos.start >= drop.pos.end) return "";
  std::string clause = expr.substr(drop.pos.start, drop.pos.end - drop.pos.start);
  size_t open = clause.find('('), close = clause.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  std::vector<std::string> names;
  std::string name;
  for (char c : clause.substr(open + 1, close - open - 1) + ",") {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
      if (!name.empty()) names.push_back(name);
      name.clear();
    } else {
      name.push_back(c);
    }
  }
  for (const std::string& candidate : names) {
    if (closest_match(candidate, {label}) == label) return candidate;
  }
  return "";
}

// When a declared source's selector lacks `label` (its `labels:` does not
// list it): the other fix, for a scrape configuration that does put it on the
// source's targets (relabelling). "" for any other drop.
std::string source_remedy(const Model& model, const Node& node, const std::optional<promql::Drop>& drop,
                          const std::string& label) {
  if (!drop || drop->kind != promql::DropKind::Catalog) return "";
  const Source* source = nullptr;
  promql::walk(*node.when->analysis.ast, [&](const promql::Node& n) {
    if (source || n.kind != promql::NodeKind::VectorSelector || n.pos.start != drop->pos.start) return;
    std::optional<MetricReference> metric = selector_metric(n);
    if (metric) source = model.source_of(metric->name);
  });
  if (!source || source->carries(label)) return "";
  return "; or, if the scrape configuration of source '" + source->name + "' (job " + source->job + ") puts '" + label +
         "' on its targets (relabelling), add it to that source's `labels:`";
}

std::string joined(const std::vector<std::string>& labels) {
  std::string text;
  for (const std::string& label : labels) text += (text.empty() ? "" : ", ") + label;
  return text;
}

// Whether node `index` could be cluster-scoped: no ancestor with a condition
// holds per host (reader/node_reader's check_cluster_place refuses it otherwise).
bool may_be_cluster(const Model& model, int index) {
  for (int ancestor : model.conditioned_ancestors(index)) {
    if (model.nodes[ancestor].scope != NodeScope::Cluster) return false;
  }
  return true;
}

}  // namespace

void check_join_labels(const Model& model, Diagnostics& diagnostics) {
  check_join_labels(model, InferredLabels(model), diagnostics);
}

void check_join_labels(const Model& model, const InferredLabels& inferred, Diagnostics& diagnostics) {
  for (size_t index = 0; index < model.nodes.size(); ++index) {
    const Node& node = model.nodes[index];
    if (node.kind != NodeKind::Alert || !node.when || !node.when->analysis.ast || node.scope != NodeScope::Host) continue;
    const promql::LabelInference& labels = inferred.of(static_cast<int>(index));
    for (const std::string& label : node.join_on) {
      if (labels.presence(label) == promql::Presence::Possible && labels.partial.count(label)) {
        const promql::Drop& lacking = labels.partial.at(label);
        diagnostics.error(node.when->position_at(lacking.pos.start),
                          "only some series of the result carry '" + label + "': those from here have none (" +
                              lacking.reason + ")",
                          "'" + node.id + "' holds per " + joined(node.join_on) + ", so every series of its result must carry " +
                              label + "; give each side of the condition the label, or split it into nodes of their own joins");
        break;
      }
      if (labels.presence(label) != promql::Presence::Absent) continue;
      std::optional<promql::Drop> drop = labels.why_absent(label);
      std::string why = "'" + node.id + "' holds per " + joined(node.join_on) + ", so its alert must carry " +
                        joined(node.join_on) + (node.children.empty() ? "" : " for the causes under it to join on");
      bool unreadable = !drop || drop->kind == promql::DropKind::Catalog;  // no clause drops it: no series has it
      std::string relabelled = source_remedy(model, node, drop, label);
      if (unreadable && node.join_where.line > 0) {
        diagnostics.error(own_join_label_where(node, label), "no series of the condition of '" + node.id + "' carries the join label '" +
                                               label + "'",
                          why + (drop ? " (" + drop->reason + ")" : "") +
                              "; join it on labels its metrics carry, or `join_on: []` for a cluster fact" + relabelled);
        break;
      }
      size_t offset = drop ? drop->pos.start : 0;
      std::string typo = drop ? misspelled_in_by(*drop, label, node.when->expr) : "";
      std::string fix = !typo.empty() ? "did you mean '" + label + "' for '" + typo + "' in by (...)?"
                        : drop        ? remedy(*drop, label)
                                      : "keep it";
      diagnostics.error(node.when->position_at(offset), "the result has no '" + label + "': " + fix,
                        why + (drop ? " (" + drop->reason + ")" : "") +
                            (may_be_cluster(model, static_cast<int>(index)) ? "; or make the node `scope: cluster`" : "") + relabelled);
      break;
    }
  }
}

}  // namespace symptree
