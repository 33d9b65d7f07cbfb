// Vector matchings decided by label inference on each side of a binary operator.
#include "generator/check/matching_check.h"

#include <algorithm>
#include <set>

#include "generator/model/label_catalog.h"

namespace symptree {
namespace {

// The labels `matching` compares among `candidates`: those of on (...), or
// every one but those of ignoring (...) and the metric name.
std::set<std::string> compared(const promql::VectorMatching& matching, const std::set<std::string>& candidates) {
  if (matching.on) return {matching.labels.begin(), matching.labels.end()};
  std::set<std::string> labels;
  for (const std::string& label : candidates) {
    bool ignored = std::find(matching.labels.begin(), matching.labels.end(), label) != matching.labels.end();
    if (!ignored && label != "__name__") labels.insert(label);
  }
  return labels;
}

// The first label compared by `binary` that one side never carries and the
// other always does, or, named in on (...), may: a source lists the labels
// any of its series carries, so a listed label may be missing from the series
// of one metric, and matching on all labels is then fine; naming it in
// on (...) is not, since the other side never has it. Reports it and returns true.
bool report_mismatch(const Node& node, const promql::Node& binary, const promql::LabelCatalog& catalog,
                     Diagnostics& diagnostics) {
  if (!binary.matching) return false;  // a scalar side matches every series
  promql::LabelInference sides[2] = {promql::infer_labels(binary.child(0), catalog),
                                     promql::infer_labels(binary.child(1), catalog)};
  if (sides[0].scalar || sides[1].scalar) return false;
  const promql::VectorMatching& matching = *binary.matching;
  std::set<std::string> candidates = sides[0].certain;
  candidates.insert(sides[1].certain.begin(), sides[1].certain.end());
  const char* names[2] = {"left", "right"};
  for (const std::string& label : compared(matching, candidates)) {
    for (int side = 0; side < 2; ++side) {
      const promql::LabelInference& lacking = sides[1 - side];
      promql::Presence has = sides[side].presence(label);
      if (has == promql::Presence::Absent || (has == promql::Presence::Possible && !matching.on)) continue;
      if (lacking.presence(label) != promql::Presence::Absent) continue;
      std::optional<promql::Drop> why = lacking.why_absent(label);
      std::string op = promql::binary_op_text(binary.binary_op);
      size_t at = matching.has_labels_clause ? matching.labels_pos.start : binary.op_pos.start;
      std::string clause = matching.has_labels_clause ? "on (...)" : "`" + op + "`";
      if (matching.has_labels_clause && !matching.on) clause = "ignoring (...)";
      diagnostics.error(
          node.when->position_at(at),
          "the " + std::string(names[1 - side]) + " side of `" + op + "` has no '" + label + "', which " +
              (has == promql::Presence::Certain ? "every series of the " + std::string(names[side]) + " side has: " + clause +
                                                      " matches nothing, so '" + node.id + "' never holds"
                                                : "series of the " + std::string(names[side]) + " side may carry: " + clause +
                                                      " matches only those without it"),
          (why ? why->reason + "; " : std::string()) +
              (matching.on ? "remove '" + label + "' from on (...)" : "add '" + label + "' to ignoring (...)") +
              ", or read a metric whose series carry it (a source's `labels:` lists every label its series carry)");
      return true;
    }
  }
  return false;
}

// Whether `n` is a binary operator that compares its sides' labels: any but `or`.
bool matches(const promql::Node& n) {
  return n.kind == promql::NodeKind::Binary && n.binary_op != promql::BinaryOp::Or;
}

}  // namespace

void check_matchings(const Model& model, Diagnostics& diagnostics) {
  promql::LabelCatalog catalog = label_catalog(model);
  for (const Node& node : model.nodes) {
    if (node.kind != NodeKind::Alert || !node.when || !node.when->analysis.ast) continue;
    bool reported = false;
    promql::walk(*node.when->analysis.ast, [&](const promql::Node& n) {
      if (!reported && matches(n)) reported = report_mismatch(node, n, catalog, diagnostics);
    });
  }
}

}  // namespace symptree
