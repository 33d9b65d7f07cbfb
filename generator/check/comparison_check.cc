// Reading a condition's comparisons off its syntax tree.
#include "generator/check/comparison_check.h"

#include "generator/promql/fold.h"

namespace symptree {
namespace {

const promql::Node& unparen(const promql::Node& node) {
  const promql::Node* n = &node;
  while (n->kind == promql::NodeKind::Paren) n = &n->child(0);
  return *n;
}

// The constant side of a comparison that folds, but not to an exact decimal.
const promql::Node* inexact_side(const promql::Node& comparison) {
  for (size_t i = 0; i < 2; ++i) {
    std::optional<promql::Constant> constant = promql::fold_constant(comparison.child(i));
    if (constant && !constant->exact) return &comparison.child(i);
  }
  return nullptr;
}

}  // namespace

bool is_bool_comparison(const promql::Node& expr) {
  const promql::Node& top = unparen(expr);
  return top.kind == promql::NodeKind::Binary && promql::is_comparison(top.binary_op) && top.return_bool;
}

void check_bool_conditions(const Model& model, Diagnostics& diagnostics) {
  for (const Node& node : model.nodes) {
    if (!node.when || !node.when->analysis.ast || !is_bool_comparison(*node.when->analysis.ast)) continue;
    const promql::Node& top = unparen(*node.when->analysis.ast);
    diagnostics.error(node.when->position_at(top.op_pos.start),
                      "with `bool` the comparison of '" + node.id +
                          "' gives 0 or 1 on every evaluation and filters nothing, so its alert would always fire",
                      "drop `bool`: an alert condition keeps the series for which the comparison holds");
  }
}

std::optional<InexactThreshold> inexact_threshold(const promql::Node& expr, const std::string& text) {
  std::optional<InexactThreshold> found;
  promql::walk(expr, [&](const promql::Node& node) {
    if (found || node.kind != promql::NodeKind::Binary || !promql::is_comparison(node.binary_op)) return;
    const promql::Node* side = inexact_side(node);
    if (!side) return;
    found = InexactThreshold{side->pos.start, text.substr(side->pos.start, side->pos.end - side->pos.start),
                             promql::fold_constant(*side)->value};
  });
  return found;
}

}  // namespace symptree
