// The join label values a node's condition or examples fix.
#include "generator/model/join_pins.h"

#include <algorithm>

#include "generator/promql/ast.h"

namespace symptree {
namespace {

bool contains(const std::vector<std::string>& labels, const std::string& label) {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

}  // namespace

bool joined_on(const Model& model, int node, int ancestor, const std::string& label) {
  int below = node;
  for (int a : model.conditioned_ancestors(node)) {
    if (!contains(model.shared_join(below, a), label)) return false;
    if (a == ancestor) return true;
    below = a;
  }
  return false;
}

JoinPins node_join_pins(const Model& model, int index) {
  const Node& node = model.nodes[index];
  JoinPins pins;
  if (node.scope != NodeScope::Host || !node.when) return pins;
  if (node.examples) {
    for (const ExampleSeries& series : node.examples->firing) {
      for (const auto& [label, value] : series.labels) {
        if (contains(node.join_on, label) && !value.empty()) pins.emplace(label, JoinPin{value, series.where});
      }
    }
    return pins;
  }
  if (!node.when->analysis.ast) return pins;
  promql::walk(*node.when->analysis.ast, [&](const promql::Node& n) {
    if (n.kind != promql::NodeKind::VectorSelector) return;
    for (const promql::Matcher& m : n.matchers) {
      if (m.op != promql::MatchOp::Equal || m.value.empty() || !contains(node.join_on, m.name)) continue;
      pins.emplace(m.name, JoinPin{m.value, node.when->position_at(m.pos.start)});
    }
  });
  return pins;
}

std::map<std::string, std::string> path_join_pins(const Model& model, int node) {
  std::vector<int> path = {node};
  for (int a : model.conditioned_ancestors(node)) path.push_back(a);
  std::map<std::string, std::string> values;
  for (int n : path) {
    for (const auto& [label, pin] : node_join_pins(model, n)) values.emplace(label, pin.value);
  }
  return values;
}

}  // namespace symptree
