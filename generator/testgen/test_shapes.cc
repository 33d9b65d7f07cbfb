// Looking shapes up, deriving each the first time.
#include "generator/testgen/test_shapes.h"

namespace symptree {

const promql::TestShape* TestShapes::of(int node) {
  auto known = shapes_.find(node);
  if (known == shapes_.end()) {
    const Node& n = model_.nodes[node];
    const promql::Node* ast = n.when ? n.when->analysis.ast.get() : nullptr;
    known = shapes_.emplace(node, ast ? promql::test_shape(*ast, model_.is_cluster(node)) : std::nullopt).first;
  }
  return known->second ? &*known->second : nullptr;
}

}  // namespace symptree
