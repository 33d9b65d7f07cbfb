// A scenario is a set of facts ("node X holds on host a", "node Y does not hold
// on host b"); the builder turns it into promtool input series, derived from
// the condition's shape (promql/test_shape.h) or copied from a node's examples.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "generator/model/model.h"
#include "generator/model/test_cases.h"
#include "generator/promql/test_shape.h"
#include "generator/testgen/term_series.h"
#include "generator/testgen/test_hosts.h"
#include "generator/testgen/scenario_memo.h"
#include "generator/testgen/value_solver.h"

namespace symptree {

// Builds the input series of one scenario.
class ScenarioBuilder {
 public:
  // `pins`: the join label values of host A that the path's conditions fix.
  // `memo`: what the builders of a rule group share (it must outlive this
  // one); without it the builder keeps one of its own.
  explicit ScenarioBuilder(const Model& model, PinnedValues pins = {}, ScenarioMemo* memo = nullptr);

  // Records that `node`'s own condition holds (or not) on `host`. Returns false
  // with `error` set when the node's series cannot be combined with earlier ones.
  // A node that fixes a join label (model/join_pins.h) holds only on host A:
  // elsewhere it gives no series, and a fact that it holds there cannot occur.
  // Facts of a node come before its ancestors': an ancestor's example series
  // that a descendant's examples already give are the descendant's (a cause
  // refining its parent on the same metric).
  bool add(int node, TestHost host, bool holds, std::string& error);
  // Series for every fact; nullopt when derived constraints contradict each other,
  // no series meets them in a float64 evaluation, or the facts cannot occur
  // together (a cause's firing series are an ancestor's: that ancestor holds).
  std::optional<std::vector<TestSeries>> build(int samples);
  // The first evaluation time from which every derived fact is as recorded at
  // every later evaluation (rate() windows filling up, ...); -1 when none.
  int64_t settle_ms();

  // When a node sums a metric over its host whose one series of the host is
  // another node's too (`sum by (host) (x)` over a per-queue `x`): why the
  // cases that need several series of the host, each below the other
  // node's threshold, are not derived; else "".
  std::string one_series_note() const;

  // The labels of the result that makes `node` hold on `host` (after add()):
  // what label inference (promql/label_inference.h) says the result carries,
  // valued from the series the scenario gives its selectors, and the examples' `labels`.
  std::map<std::string, std::string> result_labels(int node, TestHost host) const;
  // The value of `node`'s condition on `host` at `eval_ms` (after build()), as
  // Prometheus computes it in float64: the compared term (scaled as the
  // condition scales it), the left side of `and`/`unless`, the holding side of
  // `or`, 1 for absent(); for a node whose series come from examples, the
  // examples' `value` (the tests check it); nullopt when none is known.
  std::optional<double> result_value(int node, TestHost host, int64_t eval_ms) const;

 private:
  // How derived facts use a series.
  enum class Role { Term, Divisor, Missing, Present, Examples };
  // A series and what derived conditions require of it.
  struct Slot {
    std::string metric;
    std::map<std::string, std::string> labels;
    Role role = Role::Term;
    std::string values;  // for series copied from examples
    promql::Term term;   // Term and Divisor
    std::string divisor; // key of a ratio's divisor slot
    std::vector<ValueConstraint> constraints;
    std::optional<SeriesForm> form;  // once solved
    bool holds = false;  // Examples: firing (true) or quiet series
    std::set<int> readers;  // the nodes whose facts gave it
    // The node that sums it over its host when it is another node's series
    // with more labels too (slot_for); -1 when none.
    int summed_by = -1;
    // The constraints' thresholds as Prometheus compares them, in float64, in order.
    std::vector<double> thresholds = {};
  };

  // Join labels (of the node whose facts are being added), instance and job.
  // `job`: the value a `job=` matcher or an example gives, which for `up` says
  // whose target it is ("" when none).
  std::map<std::string, std::string> target_labels(const std::string& metric, TestHost host,
                                                   const std::string& job = "") const;
  // The labels and key of `selector`'s series on `host` (from the memo).
  const ScenarioMemo::Series& series_of(const promql::ShapeSelector& selector, TestHost host) const;
  // The slot of `selector` on `host`, or nullptr.
  const Slot* find_slot(const promql::ShapeSelector& selector, TestHost host) const;
  std::optional<double> shape_value(const promql::TestShape& shape, TestHost host, int at) const;
  // The slot `selector` of the node being added reads on `host`, made when
  // new; `key` is set to its key. An existing slot of the metric with more or
  // fewer labels on that host is shared (and takes the more); nullptr, with
  // `error` set, when it cannot be.
  Slot* slot_for(const promql::ShapeSelector& selector, TestHost host, Role role, const promql::Term* term,
                 std::string& key, std::string& error);
  // Whether `slot` can serve the node being added too, reading `metric` as
  // `role` (and `term`); else false with `error` naming the nodes.
  bool reusable(const Slot& slot, Role role, const promql::Term* term, const std::string& metric,
                std::string& error) const;
  // Whether `node`'s condition reads a series of `metric` with `labels`.
  bool reads(int node, const std::string& metric, const std::map<std::string, std::string>& labels) const;
  // Whether a new series of `metric` with `labels` on `host`, written in the
  // examples of the node being added (`examples`) or derived for it, and
  // another node's series of the metric there, derived (or written, for a
  // derived new one) and not shared (slot_for), would be read by the other
  // node's condition: a derived value would not be what that condition sees.
  // Sets `error` then. Not for cluster-scoped nodes, whose examples stay as
  // written (left_out()).
  bool entangled(const std::string& metric, const std::map<std::string, std::string>& labels, TestHost host,
                 bool examples, std::string& error) const;
  // Moves the slot at `from` to `to`, with `labels`; `from` becomes an alias of it.
  void rekey(const std::string& from, const std::string& to, const std::map<std::string, std::string>& labels);
  bool add_shape(const promql::TestShape& shape, TestHost host, bool holds, std::string& error);
  bool add_examples(int index, TestHost host, bool holds, std::string& error);
  // The labels of an example series of `node` on `host`.
  std::map<std::string, std::string> example_labels(int node, const ExampleSeries& example, TestHost host) const;
  // Values for every Term slot that meet their constraints at every evaluation
  // from horizon() to `last` (float64 rounding can differ from one to the next).
  bool solve(int last);
  // A slot's series (and divisor) as `form` gives them.
  struct Sampled {
    SampledSeries series, divisor;
  };
  Sampled sample(const Slot& slot, const SeriesForm& form, int samples) const;
  // Whether the slot's constraints hold at evaluation `at` of `sampled`.
  bool holds_at(const Slot& slot, const Sampled& sampled, int at) const;
  // Whether `form` meets the slot's constraints at each evaluation in [from, to].
  bool meets(const Slot& slot, const SeriesForm& form, int from, int to) const;
  // Whether every solved Term slot meets its constraints in [from, to].
  bool forms_meet(int from, int to) const;
  int horizon() const;
  // Whether a derived series that only has to make comparisons fail is left
  // out (no series fails them too): when a cluster-scoped node's examples
  // read its metric, whose condition (`sum (...) < 3`) sees exactly what they
  // write, and another series of the metric would change it.
  bool left_out(const Slot& slot) const;

  const Model& model_;
  PinnedValues pins_;
  std::unique_ptr<ScenarioMemo> own_memo_;  // when none is shared
  ScenarioMemo* memo_;  // own_memo_ or the shared one
  // The join set of the node add() or result_value() works on: its series carry these labels.
  mutable const std::vector<std::string>* join_ = nullptr;
  int adding_ = -1;  // the node add() works on
  std::map<std::string, Slot> slots_;  // by host and selector
  // Keys of selectors whose series another node's of the metric, with more labels, are (slot_for).
  std::map<std::string, std::string> aliases_;
  int solved_through_ = -1;  // the `last` of the latest solve(), -1 before
  bool solvable_ = true;
  bool cannot_occur_ = false;  // a node's firing examples and an ancestor's quiet ones share a series
};

}  // namespace symptree
