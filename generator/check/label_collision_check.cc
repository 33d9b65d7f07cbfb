// Label collisions decided by label inference: a label the result certainly or
// possibly carries (by name) that the alert also sets is an error at the
// label's first mention in the condition.
#include "generator/check/label_collision_check.h"

#include <cctype>

#include "generator/model/alert_plan.h"
#include "generator/model/label_catalog.h"

namespace symptree {
namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Offset of `label` as a whole word in `expr` (a matcher or a by (...) list), else 0.
size_t mention_of(const std::string& expr, const std::string& label) {
  for (size_t at = expr.find(label); at != std::string::npos; at = expr.find(label, at + 1)) {
    bool starts = at == 0 || !is_name_char(expr[at - 1]);
    bool ends = at + label.size() == expr.size() || !is_name_char(expr[at + label.size()]);
    if (starts && ends) return at;
  }
  return 0;
}

bool is_own_label(const Model& model, const std::string& label) {
  for (const auto& entry : model.labels) {
    if (entry.first == label) return true;
  }
  for (const Node& node : model.nodes) {
    for (const auto& entry : node.labels) {
      if (entry.first == label) return true;
    }
  }
  return false;
}

}  // namespace

void check_label_collisions(const Model& model, Diagnostics& diagnostics) {
  promql::LabelCatalog catalog = label_catalog(model);
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    if (node.kind != NodeKind::Alert || !node.when || !node.when->analysis.ast) continue;
    promql::LabelInference result = promql::infer_labels(*node.when->analysis.ast, catalog);
    for (const auto& [label, value] : alert_rule_labels(model, static_cast<int>(i))) {
      if (!result.certain.count(label) && !result.possible.count(label)) continue;
      std::string setter = is_own_label(model, label) ? "the spec's `labels:` puts" : "symptree puts";
      diagnostics.error(node.when->position_at(mention_of(node.when->expr, label)),
                        "the result of '" + node.id + "' may carry the label '" + label + "', which " + setter +
                            " on its alert ('" + value + "'): the alert would replace the series' value",
                        is_own_label(model, label)
                            ? "rename the spec's label, or drop '" + label + "' from the result"
                            : "drop '" + label + "' from the result (without (" + label +
                                  "), or label_replace to another name)");
      break;
    }
  }
}

}  // namespace symptree
