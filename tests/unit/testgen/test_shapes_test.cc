// Tests for generator/testgen/test_shapes: the table gives what test_shape()
// gives for each node, works each out once, and its entries stay where they are.
#include "generator/testgen/test_shapes.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the shapes table answers as test_shape() does, once per node, at a fixed address") {
  std::string spec = replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'shop_queue_depth > 1000 and on () vector(1)'");
  Model model = load_ok(spec);
  TestShapes shapes(model);
  std::vector<const promql::TestShape*> first;
  size_t derivable = 0, not_derivable = 0;
  for (size_t n = 0; n < model.nodes.size(); ++n) {
    const Node& node = model.nodes[n];
    bool expected = node.when && node.when->analysis.ast &&
                    promql::test_shape(*node.when->analysis.ast, model.is_cluster(static_cast<int>(n)));
    const promql::TestShape* shape = shapes.of(static_cast<int>(n));
    CHECK((shape != nullptr) == expected);
    (expected ? derivable : not_derivable)++;
    first.push_back(shape);
  }
  CHECK(derivable > 0);
  CHECK(not_derivable > 0);  // the group node, and the condition with vector(1)
  for (size_t n = 0; n < model.nodes.size(); ++n) CHECK(shapes.of(static_cast<int>(n)) == first[n]);
}
