// Looking shapes and series up, working each out the first time.
#include "generator/testgen/scenario_memo.h"

namespace symptree {

const promql::TestShape* ScenarioMemo::shape(int node) {
  auto known = shapes_.find(node);
  if (known == shapes_.end()) {
    const Node& n = model_.nodes[node];
    const promql::Node* ast = n.when ? n.when->analysis.ast.get() : nullptr;
    known = shapes_.emplace(node, ast ? promql::test_shape(*ast, model_.is_cluster(node)) : std::nullopt).first;
  }
  return known->second ? &*known->second : nullptr;
}

const ScenarioMemo::Series& ScenarioMemo::series(const promql::ShapeSelector& selector, TestHost host,
                                                 const std::vector<std::string>* join, const PinnedValues& pins,
                                                 const std::function<Series()>& make) {
  SeriesKey key{&selector, host, join, pins};
  auto known = series_.find(key);
  if (known == series_.end()) known = series_.emplace(std::move(key), make()).first;
  return known->second;
}

const std::optional<Decimal>& ScenarioMemo::solved_value(const std::string& key,
                                                         const std::function<std::optional<Decimal>()>& solve) {
  auto known = solved_values_.find(key);
  if (known == solved_values_.end()) known = solved_values_.emplace(key, solve()).first;
  return known->second;
}

}  // namespace symptree
