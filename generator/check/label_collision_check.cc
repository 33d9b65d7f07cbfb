// Label collisions decided by label inference: a label the result certainly or
// possibly carries (by name) that the alert also sets is an error at the
// label's first mention in the condition.
#include "generator/check/label_collision_check.h"

#include <cctype>

#include "generator/model/alert_plan.h"

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

// Who sets `label` on the alert of node `index`: the nearest `labels:` (the
// node's, an ancestor's, the spec's top level), else symptree.
std::string label_setter(const Model& model, int index, const std::string& label) {
  auto sets = [&](const CustomFields& fields) {
    for (const auto& entry : fields) {
      if (entry.first == label) return true;
    }
    return false;
  };
  for (int at = index; at >= 0; at = model.nodes[at].parent) {
    if (sets(model.nodes[at].labels)) return "the `labels:` of '" + model.nodes[at].id + "'";
  }
  if (sets(model.labels)) return "the spec's top-level `labels:`";
  return "";
}

}  // namespace

void check_label_collisions(const Model& model, Diagnostics& diagnostics) {
  check_label_collisions(model, InferredLabels(model), diagnostics);
}

void check_label_collisions(const Model& model, const InferredLabels& inferred, Diagnostics& diagnostics) {
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    if (node.kind != NodeKind::Alert || !node.when || !node.when->analysis.ast) continue;
    const promql::LabelInference& result = inferred.of(static_cast<int>(i));
    for (const auto& [label, value] : alert_rule_labels(model, static_cast<int>(i))) {
      if (!result.certain.count(label) && !result.possible.count(label)) continue;
      std::string setter = label_setter(model, static_cast<int>(i), label);
      diagnostics.error(node.when->position_at(mention_of(node.when->expr, label)),
                        "the result of '" + node.id + "' may carry the label '" + label + "', which " +
                            (setter.empty() ? "symptree" : setter) + " puts on its alert ('" + value +
                            "'): the alert would replace the series' value",
                        !setter.empty() ? "rename the label in " + setter + ", or drop '" + label + "' from the result"
                                        : "drop '" + label + "' from the result (without (" + label +
                                              "), or label_replace to another name)");
      break;
    }
  }
}

}  // namespace symptree
