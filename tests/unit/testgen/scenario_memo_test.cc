// Tests for generator/testgen/scenario_memo: the shapes are what test_shape()
// gives for each node, each worked out once and kept at a fixed address; a
// selector's series are made once for each host, join set and pinned values.
#include "generator/testgen/scenario_memo.h"

#include "generator/testgen/scenario.h"

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

namespace {

int node_index(const Model& model, const std::string& id) {
  for (size_t n = 0; n < model.nodes.size(); ++n) {
    if (model.nodes[n].id == id) return static_cast<int>(n);
  }
  FAIL("no node " << id);
  return -1;
}

// The values of the one series a builder sharing `memo` derives for `node` holding (or not) on host A.
std::string derived_values(const Model& model, ScenarioMemo& memo, int node, bool holds) {
  ScenarioBuilder builder(model, {}, &memo);
  std::string error;
  REQUIRE(builder.add(node, TestHost::A, holds, error));
  std::optional<std::vector<TestSeries>> series = builder.build(5);
  REQUIRE(series);
  REQUIRE(series->size() == 1);
  return series->front().values;
}

}  // namespace

TEST_CASE("a solved value is shared only by terms solved under the same constraints") {
  // The same term kind and threshold under other operators and facts.
  std::string spec = replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_depth > 0.95");
  spec = replace(spec, "symptree_filesystem_used_ratio{name=\"data\"} > 0.9", "symptree_filesystem_used_ratio{name=\"data\"} >= 0.95");
  Model model = load_ok(spec);
  int queue = node_index(model, "queue_backlog"), disk = node_index(model, "disk_nearly_full");
  const std::vector<std::pair<int, bool>> facts = {{queue, true}, {disk, true}, {queue, false}, {disk, false}};
  const std::vector<std::string> expected = {"0.96+0x5", "0.95+0x5", "0.95+0x5", "0.94+0x5"};
  ScenarioMemo memo(model);
  for (int round = 0; round < 2; ++round) {  // the second round finds every value solved
    for (size_t i = 0; i < facts.size(); ++i) CHECK(derived_values(model, memo, facts[i].first, facts[i].second) == expected[i]);
  }
  ScenarioMemo reversed(model);
  for (size_t i = facts.size(); i-- > 0;) CHECK(derived_values(model, reversed, facts[i].first, facts[i].second) == expected[i]);
}
