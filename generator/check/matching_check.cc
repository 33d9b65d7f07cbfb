// Vector matchings decided by label inference on each side of a binary operator.
#include "generator/check/matching_check.h"

#include <algorithm>
#include <set>

#include "common/diagnostics.h"
#include "common/join.h"
#include "generator/model/label_catalog.h"
#include "generator/model/series_job.h"

namespace symptree {
namespace {

bool lists(const std::vector<std::string>& labels, const std::string& label) {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

// The labels `matching` compares among `candidates`: those of on (...), or
// every one but those of ignoring (...) and the metric name.
std::set<std::string> compared(const promql::VectorMatching& matching, const std::set<std::string>& candidates) {
  if (matching.on) return {matching.labels.begin(), matching.labels.end()};
  std::set<std::string> labels;
  for (const std::string& label : candidates) {
    if (!lists(matching.labels, label) && label != "__name__") labels.insert(label);
  }
  return labels;
}

// Where an error about `binary`'s matching points, and how it names the
// clause: its on (...)/ignoring (...), else the operator.
size_t clause_start(const promql::Node& binary) {
  const promql::VectorMatching& m = *binary.matching;
  return m.has_labels_clause ? m.labels_pos.start : binary.op_pos.start;
}

// The first label compared by `binary` that one side never carries and the
// other always does, or, named in on (...), may: a source lists the labels
// any of its series carries, so a listed label may be missing from the series
// of one metric, and matching on all labels is then fine; naming it in
// on (...) is not, since the other side never has it. Reports it and returns true.
bool report_mismatch(const Node& node, const promql::Node& binary, const promql::LabelInference (&sides)[2],
                     Diagnostics& diagnostics) {
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
      std::string clause = matching.has_labels_clause ? "on (...)" : "`" + op + "`";
      if (matching.has_labels_clause && !matching.on) clause = "ignoring (...)";
      diagnostics.error(
          node.when->position_at(clause_start(binary)),
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

// A label of on (...) that neither side can carry: every series has it
// empty, so the matching compares nothing by it (`and on (hots)` joins
// across hosts). Reports it and returns true.
bool report_on_label_of_neither(const Node& node, const promql::Node& binary,
                                const promql::LabelInference (&sides)[2], Diagnostics& diagnostics) {
  const promql::VectorMatching& matching = *binary.matching;
  if (!matching.on) return false;
  for (const std::string& label : matching.labels) {
    if (sides[0].presence(label) != promql::Presence::Absent || sides[1].presence(label) != promql::Presence::Absent) {
      continue;
    }
    std::set<std::string> carried;  // what a label meant may be: any a side may carry
    for (const promql::LabelInference& side : sides) {
      carried.insert(side.certain.begin(), side.certain.end());
      carried.insert(side.possible.begin(), side.possible.end());
    }
    carried.erase("__name__");
    std::string close = closest_match(label, {carried.begin(), carried.end()});
    std::string op = promql::binary_op_text(binary.binary_op);
    diagnostics.error(node.when->position_at(matching.labels_pos.start),
                      "neither side of `" + op + "` has '" + label + "', so on (...) compares it as empty on every "
                          "series: it tells no two series apart",
                      (close.empty() ? std::string() : "did you mean '" + close + "'? ") +
                          "name labels both sides carry in on (...)");
    return true;
  }
  return false;
}

// Names the clause: `on (instance)`, `ignoring (job)`, else the operator.
std::string clause_text(const promql::Node& binary) {
  const promql::VectorMatching& m = *binary.matching;
  if (!m.has_labels_clause) return "`" + std::string(promql::binary_op_text(binary.binary_op)) + "`";
  return std::string(m.on ? "on" : "ignoring") + " (" + join(m.labels, ", ") + ")";
}

// `binary` rewritten to match on `labels`: "and on (host)", "> bool on (host) group_left (x)".
std::string operator_on(const promql::Node& binary, const std::vector<std::string>& labels) {
  const promql::VectorMatching& m = *binary.matching;
  std::string text = std::string(promql::binary_op_text(binary.binary_op)) + (binary.return_bool ? " bool" : "") +
                     " on (" + join(labels, ", ") + ")";
  if (m.card == promql::Cardinality::ManyToOne || m.card == promql::Cardinality::OneToMany) {
    text += m.card == promql::Cardinality::ManyToOne ? " group_left" : " group_right";
    if (!m.include.empty()) text += " (" + join(m.include, ", ") + ")";
  }
  return text;
}

// Sides scraped by two jobs compared on `job` or `instance`, which differ
// between any two scrape targets: reports it and returns true.
bool report_cross_job(const Model& model, int index, const promql::Node& binary,
                      const promql::LabelInference (&sides)[2], Diagnostics& diagnostics) {
  std::optional<std::string> jobs[2] = {series_job(model, binary.child(0)), series_job(model, binary.child(1))};
  if (!jobs[0] || !jobs[1] || *jobs[0] == *jobs[1]) return false;
  const promql::VectorMatching& m = *binary.matching;
  auto both_carry = [&](const std::string& label) {
    return sides[0].presence(label) == promql::Presence::Certain && sides[1].presence(label) == promql::Presence::Certain;
  };
  std::vector<std::string> target;  // compared, and on every series of both sides
  for (const char* label : {"job", "instance"}) {
    if (m.on == lists(m.labels, label) && both_carry(label)) target.push_back(std::string("'") + label + "'");
  }
  if (target.empty()) return false;
  std::vector<std::string> shared;  // the join labels to match on instead
  for (const std::string& label : model.series_join(index)) {
    if (both_carry(label)) shared.push_back(label);
  }
  if (shared.empty() && m.on) {  // else the clause's own labels but job and instance
    for (const std::string& label : m.labels) {
      if (label != "job" && label != "instance") shared.push_back(label);
    }
  }
  const Node& node = model.nodes[index];
  std::string op = promql::binary_op_text(binary.binary_op);
  diagnostics.error(
      node.when->position_at(clause_start(binary)),
      clause_text(binary) + " compares " + join(target, " and ") + ", but the left side of `" + op +
          "` comes from job '" + *jobs[0] + "' and the right side from job '" + *jobs[1] +
          "': series of two scrape jobs never share them, so `" + op + "` matches nothing and '" + node.id +
          "' never holds",
      shared.empty() ? "the two sides share no join label (" + join(model.series_join(index), ", ") +
                           "): read metrics that carry one (a source's `labels:`), or match on labels both sides carry"
                     : "match on the join labels both sides carry: `" + operator_on(binary, shared) + "`");
  return true;
}

// Whether `n` is a binary operator between two vectors that compares their
// labels: any but `or` (a scalar side matches every series).
bool matches(const promql::Node& n) {
  return n.kind == promql::NodeKind::Binary && n.binary_op != promql::BinaryOp::Or && n.matching;
}

}  // namespace

void check_matchings(const Model& model, Diagnostics& diagnostics) {
  promql::LabelCatalog catalog = label_catalog(model);
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    if (node.kind != NodeKind::Alert || !node.when || !node.when->analysis.ast) continue;
    bool reported = false;
    promql::walk(*node.when->analysis.ast, [&](const promql::Node& n) {
      if (reported || !matches(n)) return;
      promql::LabelInference sides[2] = {promql::infer_labels(n.child(0), catalog),
                                         promql::infer_labels(n.child(1), catalog)};
      if (sides[0].scalar || sides[1].scalar) return;
      reported = report_on_label_of_neither(node, n, sides, diagnostics) || report_mismatch(node, n, sides, diagnostics) ||
                 report_cross_job(model, static_cast<int>(i), n, sides, diagnostics);
    });
  }
}

}  // namespace symptree
