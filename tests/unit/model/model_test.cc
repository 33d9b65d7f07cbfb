// Tests for model/model: the queries over the tree (ancestors with a
// condition, the path in words, finding a node, cluster scope) and a
// condition's positions.
#include "generator/model/model.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("queries over the small spec's tree") {
  Model model = load_ok(small_spec());
  CHECK(model.find_node("disk_nearly_full") == 2);
  CHECK(model.find_node("nothing") == -1);
  CHECK(model.conditioned_ancestors(2) == std::vector<int>{1, 0});  // nearest first
  CHECK(model.conditioned_ancestors(0).empty());
  CHECK(model.path_text(2) == "API is down → Port taken? → Disk nearly full too?");
  CHECK(model.path_text(4) == "Queue backlog");
  CHECK_FALSE(model.has_cluster_scope());
  CHECK_FALSE(model.is_cluster(0));
}

TEST_CASE("a group's causes have no conditioned ancestor in it, a cluster node is found") {
  std::string grouped = replace(small_spec(), "    when: 'shop_queue_depth > 1000'\n", "");
  Model model = load_ok(grouped);
  CHECK(model.conditioned_ancestors(5).empty());  // queue_backlog groups errors_rising without a condition
  std::string cluster = replace(small_spec(), "    when: 'shop_queue_depth > 1000'\n",
                                "    scope: cluster\n    when: 'max without (host, instance) (shop_queue_depth) > 1000'\n");
  Model clustered = load_ok(cluster);
  CHECK(clustered.has_cluster_scope());
  CHECK(clustered.is_cluster(4));
}

TEST_CASE("a position inside a one-line condition moves along its column") {
  Model model = load_ok(small_spec());
  const Condition& when = *model.nodes[4].when;  // 'shop_queue_depth > 1000' on line 43
  CHECK(when.where.line == 43);
  CHECK(when.position_at(0).column == when.where.column);
  CHECK(when.position_at(19).column == when.where.column + 19);
  CHECK(when.position_at(19).line == 43);
}
