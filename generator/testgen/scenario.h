// A scenario is a set of facts ("node X holds on host a", "node Y does not hold
// on host b"); the builder turns it into promtool input series, derived from
// simple comparisons or copied from a node's examples.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/model.h"
#include "generator/model/test_cases.h"
#include "generator/testgen/value_solver.h"

namespace symptree {

// metric{a="1",b="2"}, labels sorted and values escaped.
std::string series_selector(const std::string& metric, const std::map<std::string, std::string>& labels);

// The hosts a scenario can place facts on: A and B, and more (nth_test_host)
// when one case gives each falsified ancestor a host of its own.
enum class TestHost : int { A = 0, B = 1 };
constexpr int kMaxTestHosts = 26;  // host-a .. host-z
inline TestHost nth_test_host(int n) { return static_cast<TestHost>(n); }

// Labels a series or alert carries for a host: each join_on label, e.g. host="host-a".
std::map<std::string, std::string> host_labels(const Model& model, TestHost host);

// Builds the input series of one scenario.
class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(const Model& model) : model_(model) {}

  // Records that `node`'s own condition holds (or not) on `host`. Returns false
  // with `error` set when the node's series cannot be combined with earlier ones.
  bool add(int node, TestHost host, bool holds, std::string& error);
  // Series for every fact; nullopt when derived constraints contradict each other.
  std::optional<std::vector<TestSeries>> build(int samples) const;

  // The labels of the result that makes `node` hold on `host` (after add()):
  // its series' labels, less those its aggregation drops; a cluster-scoped
  // node's carry no join_on label when its condition aggregates them away.
  std::map<std::string, std::string> result_labels(int node, TestHost host) const;

 private:
  // A series and what derived conditions require of its value.
  struct Slot {
    std::string metric;
    std::map<std::string, std::string> labels;
    std::string values;  // for series copied from examples
    std::vector<ValueConstraint> constraints;
    bool from_examples = false;
  };

  std::map<std::string, std::string> target_labels(const std::string& metric, TestHost host) const;
  Slot* slot_for(const SimpleComparison& comparison, TestHost host, std::string& error);
  bool add_examples(const Node& node, TestHost host, bool holds, std::string& error);

  const Model& model_;
  std::map<std::string, Slot> slots_;  // by host and selector
};

}  // namespace symptree
