// The shapes of condition whose promtool test series symptree derives by
// itself (docs/spec.md, "Tests, by construction"), read off the syntax tree:
// a term of one or two selectors compared with a constant, and `and`, `unless`,
// `or` of such, and `absent(selector)`. Whatever else a condition is needs
// `examples`.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/promql/ast.h"
#include "generator/promql/decimal.h"

namespace symptree::promql {

// metric{label="value",...}: equality matchers only, no @, an `offset` of zero or more.
struct ShapeSelector {
  std::string metric;
  std::vector<std::pair<std::string, std::string>> matchers;
  int64_t offset_ms = 0;
};

// What is compared with the threshold.
enum class TermKind {
  Value,      // sel, or max|min|avg [by|without (...)] (sel)
  Rate,       // rate(sel[w])
  Irate,      // irate(sel[w])
  Increase,   // increase(sel[w])
  Delta,      // delta(sel[w])
  Deriv,      // deriv(sel[w])
  MinusTime,  // sel - time()
  TimeMinus,  // time() - sel
  Ratio,      // sel / sel, or f(sel[w]) / f(sel[w]) with f one of rate, irate, increase, delta
};

struct Term {
  TermKind kind = TermKind::Value;
  ShapeSelector selector;                 // the numerator of a ratio
  std::optional<ShapeSelector> divisor;   // of a ratio
  TermKind ratio_of = TermKind::Value;    // of a ratio: Value or the function both sides take
  int64_t range_ms = 0;                   // of a function's range selector
  bool sums = false;                      // a sum (...) aggregation wraps it (host-scoped nodes only)
  int64_t offset_ms = 0;                  // of its (numerator's) selector
};

// `T * k OP c`, `k * T OP c` or `T / k OP c` (k a positive constant, as in
// `errors / requests * 100 > 5`): the comparison is read as `T OP c/k` (or
// `T OP c*k`), and checked in float64 as Prometheus computes it: the term's
// value times (or divided by) `factor`, against `threshold`.
struct Scaling {
  double factor = 1;
  bool divides = false;
  double threshold = 0;          // c, as written, in float64
  std::optional<Decimal> unit;   // one written unit of c in the term's unit (90 -> 0.01 for * 100)
};

// A node of the shape tree.
struct TestShape {
  enum class Kind { Compare, And, Unless, Or, Absent } kind = Kind::Compare;
  // Compare: term OP threshold, written either way round (`5 < x` is read `x > 5`).
  Term term;
  std::string op;  // > < >= <= == !=
  Decimal threshold;               // in the term's own unit (c/k when scaled)
  std::optional<Scaling> scaling;  // when the term is scaled before the comparison
  // What Prometheus compares with, in float64: the scaling's written constant
  // when scaled, else the threshold. Worked out once: tests compare with it
  // in every scenario.
  double compared_threshold = 0;
  // Absent: the selector whose series must be missing.
  ShapeSelector absent;
  // And, Unless, Or: the two sides.
  std::vector<TestShape> parts;
};

// The shape of `expr`, or nullopt when its test series cannot be derived.
// `cluster`: the node aggregates across hosts, so `sum` (which adds the hosts'
// equal values) is not a derivable wrapper; max, min and avg always are.
std::optional<TestShape> test_shape(const Node& expr, bool cluster);

// The constant of a comparison `T * k OP c` (`k * T`, `T / k`) whose c / k
// (c × k) has no exact decimal value, so no test value sits on T's
// threshold: the comparison node, for the error that says so.
const Node* inexact_scaled_comparison(const Node& expr);

// Why test_shape() found no shape, when one part of `expr` says it: a
// matcher other than `=`, a function or aggregation symptree does not drive.
// `at` is that part's node, `start` its offset in the expression (a matcher's
// own); nullptr (and "") when no single part is to blame.
struct Underivable {
  const Node* at = nullptr;
  size_t start = 0;
  std::string what;  // "the matcher mode!=\"idle\"", "max_over_time()", "count"
};
Underivable underivable_part(const Node& expr, bool cluster);

// Parses `text` and reads its shape; nullopt on a parse error too.
std::optional<TestShape> test_shape_of(const std::string& text, bool cluster);

// The range window of a term, 0 for one without.
int64_t term_window_ms(const Term& term);

}  // namespace symptree::promql
