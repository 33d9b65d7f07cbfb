// Tests for generator/testgen/scenario_memo: the shapes are what test_shape()
// gives for each node, each worked out once and kept at a fixed address; a
// selector's series are made once for each host, join set and pinned values.
#include "generator/testgen/scenario_memo.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the memo's shapes are test_shape()'s, once per node, at a fixed address") {
  std::string spec = replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'shop_queue_depth > 1000 and on () vector(1)'");
  Model model = load_ok(spec);
  ScenarioMemo memo(model);
  std::vector<const promql::TestShape*> first;
  size_t derivable = 0, not_derivable = 0;
  for (size_t n = 0; n < model.nodes.size(); ++n) {
    const Node& node = model.nodes[n];
    bool expected = node.when && node.when->analysis.ast &&
                    promql::test_shape(*node.when->analysis.ast, model.is_cluster(static_cast<int>(n)));
    const promql::TestShape* shape = memo.shape(static_cast<int>(n));
    CHECK((shape != nullptr) == expected);
    (expected ? derivable : not_derivable)++;
    first.push_back(shape);
  }
  CHECK(derivable > 0);
  CHECK(not_derivable > 0);
  for (size_t n = 0; n < model.nodes.size(); ++n) CHECK(memo.shape(static_cast<int>(n)) == first[n]);
}

TEST_CASE("a selector's series are made once for each host, join set and pinned values") {
  Model model = load_ok(small_spec());
  ScenarioMemo memo(model);
  const promql::TestShape* shape = nullptr;
  for (size_t n = 0; n < model.nodes.size() && !shape; ++n) shape = memo.shape(static_cast<int>(n));
  REQUIRE(shape);
  const promql::ShapeSelector& selector = shape->kind == promql::TestShape::Kind::Absent ? shape->absent : shape->term.selector;
  int made = 0;
  auto make = [&](const std::string& key) {
    return [&made, key] {
      ++made;
      return ScenarioMemo::Series{{{"host", key}}, key};
    };
  };
  const ScenarioMemo::Series& a = memo.series(selector, TestHost::A, &model.join_on, {}, make("a"));
  CHECK(&memo.series(selector, TestHost::A, &model.join_on, {}, make("again")) == &a);
  CHECK(a.key == "a");
  CHECK(memo.series(selector, TestHost::B, &model.join_on, {}, make("b")).key == "b");
  CHECK(memo.series(selector, TestHost::A, &model.join_on, {{"host", "db-1"}}, make("pinned")).key == "pinned");
  CHECK(made == 3);
  CHECK(a.labels.at("host") == "a");
}
