// What the scenario builders of one rule group share, worked out once and
// kept: each node's test shape (promql/test_shape.h), each selector's series
// on a test host, and the values solved for a term under a set of
// constraints. A group's cases add the same nodes' facts again and again;
// deriving the shape from the syntax tree and naming the series each time
// were a sixth of planning them, solving the same values again a sixth.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "generator/model/model.h"
#include "generator/promql/decimal.h"
#include "generator/promql/test_shape.h"
#include "generator/testgen/test_hosts.h"
#include "generator/testgen/value_solver.h"

namespace symptree {

// Lazily filled tables. Not thread-safe: one per rule group, used by the
// thread planning it. `model` must outlive it.
class ScenarioMemo {
 public:
  explicit ScenarioMemo(const Model& model) : model_(model) {}
  // The shape of `node`'s condition; nullptr when it has no condition, does
  // not parse, or is not a derivable shape. Stays valid as long as the memo.
  const promql::TestShape* shape(int node);

  // A selector's series on a test host: its labels, and its key in a
  // scenario (the host's suffix and the series selector).
  struct Series {
    std::map<std::string, std::string> labels;
    std::string key;
  };
  // The series of `selector` (part of one of this memo's shapes) on `host`,
  // for a node whose series carry the join labels `join` on a path that pins
  // `pins`: made by `make` the first time. Stays valid as long as the memo.
  const Series& series(const promql::ShapeSelector& selector, TestHost host, const std::vector<std::string>* join,
                       const PinnedValues& pins, const std::function<Series()>& make);

  // The value solved for a term slot whose solving reads what `key` spells
  // (solve_key): made by `solve` the first time.
  const std::optional<Decimal>& solved_value(const std::string& key,
                                             const std::function<std::optional<Decimal>()>& solve);

 private:
  using SeriesKey = std::tuple<const promql::ShapeSelector*, TestHost, const std::vector<std::string>*, PinnedValues>;

  const Model& model_;
  std::unordered_map<int, std::optional<promql::TestShape>> shapes_;  // node-based: entries never move
  std::map<SeriesKey, Series> series_;
  std::unordered_map<std::string, std::optional<Decimal>> solved_values_;
};

// What ScenarioBuilder::solve reads to solve a term slot for the evaluations
// from `horizon` to `last`, spelled as bytes: the term's kind, window and
// offset (not its selector: a value does not depend on the series' name),
// whether it has a divisor (`divided`), each constraint with its float64
// threshold. Thresholds are spelled by their digits, not their value: 0.95
// and 0.950 step by other units.
std::string solve_key(const promql::Term& term, bool divided, const std::vector<ValueConstraint>& constraints,
                      const std::vector<double>& thresholds, int horizon, int last);

}  // namespace symptree
