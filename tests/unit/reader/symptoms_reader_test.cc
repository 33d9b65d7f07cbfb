// Tests for reader/symptoms_reader: symptoms read in two halves on two threads
// make the tree one reader makes in order, and what only reading in order
// finds (an id, alert name or join label of the other half) is reported as
// one reader reports it.
#include <doctest/doctest.h>

#include "generator/reader/symptoms_reader.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec's settings with `symptoms` symptoms: s<i> has causes
// s<i>_a (with a cause s<i>_a_x) and s<i>_b. `extra` goes under s0_a, and
// `last_extra` under the last symptom.
std::string spec_with_symptoms(int symptoms, const std::string& extra = "", const std::string& last_extra = "") {
  std::string text = small_spec().substr(0, small_spec().find("symptoms:")) + "symptoms:\n";
  auto node = [](const std::string& indent, const std::string& id, int threshold) {
    return indent + "- id: " + id + "\n" + indent + "  title: " + id + "\n" + indent + "  when: 'shop_queue_depth > " +
           std::to_string(threshold) + "'\n" + indent + "  runbook: runbooks/queue.md\n";
  };
  for (int i = 0; i < symptoms; ++i) {
    std::string id = "s" + std::to_string(i);
    text += node("  ", id, 10) + "    priority: P2\n" + (i + 1 == symptoms ? last_extra : "") + "    causes:\n";
    text += node("      ", id + "_a", 20) + (i == 0 ? extra : "") + "        causes:\n";
    text += node("          ", id + "_a_x", 30);
    text += node("      ", id + "_b", 40);
  }
  return text;
}

}  // namespace

TEST_CASE("symptoms read in halves are the tree one reader reads, in order") {
  for (int symptoms : {1, 2, 3, 7}) {
    CAPTURE(symptoms);
    Model model = load_ok(spec_with_symptoms(symptoms));
    std::vector<std::string> preorder;
    for (int i = 0; i < symptoms; ++i) {
      std::string id = "s" + std::to_string(i);
      for (const char* suffix : {"", "_a", "_a_x", "_b"}) preorder.push_back(id + suffix);
    }
    REQUIRE(model.nodes.size() == preorder.size());
    CHECK(model.nodes.capacity() == model.nodes.size());  // room made once, for every node
    REQUIRE(model.roots.size() == static_cast<size_t>(symptoms));
    for (size_t n = 0; n < model.nodes.size(); ++n) {
      const Node& node = model.nodes[n];
      CHECK(node.id == preorder[n]);
      int root = static_cast<int>(n) - static_cast<int>(n % 4);  // each symptom's subtree is four nodes
      CHECK(node.root == root);
      CHECK(node.parent == (n % 4 == 0 ? -1 : n % 4 == 2 ? static_cast<int>(n) - 1 : root));
      for (int child : node.children) CHECK(model.nodes[child].parent == static_cast<int>(n));
    }
    for (int i = 0; i < symptoms; ++i) {
      CHECK(model.roots[i] == 4 * i);
      CHECK(model.nodes[4 * i].children == std::vector<int>{4 * i + 1, 4 * i + 3});
    }
  }
}

TEST_CASE("what only an in-order reading finds across the halves is reported as it reports it") {
  // The last symptom is in the second half; s0 in the first.
  std::string twice = replace(spec_with_symptoms(4), "- id: s3_b\n        title: s3_b\n",
                              "- id: s0_a\n        title: s3_b\n        alert: ShopOther\n");  // its own alert name
  expect_error(twice, "s0_a\n        title: s3_b", "duplicate id 's0_a'", "first defined at spec.yaml:");
  std::string same_alert = spec_with_symptoms(4, "        alert: ShopTwice\n", "    alert: ShopTwice\n");
  expect_error(same_alert, "ShopTwice\n    causes:\n      - id: s3_a", "alert name 'ShopTwice' is used twice",
               "first at spec.yaml:");
  // A join label of a first-half node is not a custom label anywhere after it.
  std::string join = spec_with_symptoms(4, "        join_on: [host, queue]\n", "    labels: {queue: q1}\n");
  expect_error(join, "queue: q1", "label 'queue' is a join label");
  CHECK(first_error(replace(join, "    labels: {queue: q1}\n", "")) == "");
}
