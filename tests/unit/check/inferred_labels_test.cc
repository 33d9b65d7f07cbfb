// Tests for check/inferred_labels: each node's labels as infer_labels gives
// them over the spec's catalogue, worked out once, whichever thread asks.
#include "generator/check/inferred_labels.h"

#include <doctest/doctest.h>

#include <thread>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("a node's inferred labels are infer_labels' over the catalogue, once, from any thread") {
  Model model = load_ok(small_spec());
  InferredLabels inferred(model);
  promql::LabelCatalog catalog = label_catalog(model);
  std::vector<int> parsed;
  for (size_t n = 0; n < model.nodes.size(); ++n) {
    if (model.nodes[n].when && model.nodes[n].when->analysis.ast) parsed.push_back(static_cast<int>(n));
  }
  REQUIRE(parsed.size() >= 3);
  std::vector<const promql::LabelInference*> first(model.nodes.size()), second(model.nodes.size());
  std::thread other([&] {
    for (int n : parsed) second[n] = &inferred.of(n);
  });
  for (auto it = parsed.rbegin(); it != parsed.rend(); ++it) first[*it] = &inferred.of(*it);
  other.join();
  for (int n : parsed) {
    CAPTURE(model.nodes[n].id);
    CHECK(first[n] == second[n]);
    promql::LabelInference expected = promql::infer_labels(*model.nodes[n].when->analysis.ast, catalog);
    CHECK(first[n]->certain == expected.certain);
    CHECK(first[n]->possible == expected.possible);
    CHECK(first[n]->certain.count("host") == 1);  // every small-spec node keeps its host
  }
}
