// Picks a sample value that makes each simple comparison on one series hold or
// not, preferring the threshold itself and one unit beside it, so that tests
// fail when a threshold in the rules drifts from the spec.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "generator/promql/decimal.h"
#include "generator/promql/test_shape.h"

namespace symptree {

// "value OP threshold must be `holds`".
struct ValueConstraint {
  std::string op;  // > < >= <= == !=
  Decimal threshold;
  bool holds = true;
  // When the condition scales the value before comparing (`x * 100 > 90`,
  // threshold 0.9 here): how, for the float64 check of the series.
  std::optional<promql::Scaling> scaling = std::nullopt;

  bool satisfied_by(const Decimal& value) const;
  // The step between candidate values: one written unit of the threshold (of
  // the threshold as written, when the condition scales the value).
  Decimal unit() const { return scaling && scaling->unit ? *scaling->unit : threshold.unit(); }
};

// A value meeting every constraint, or nullopt when they contradict each other.
std::optional<Decimal> solve_value(const std::vector<ValueConstraint>& constraints);

// The first candidate (thresholds, one and two units beside them, midpoints)
// that `accepts` (e.g. a float64 evaluation of the series it leads to finds
// every constraint met), or nullopt.
std::optional<Decimal> solve_value(const std::vector<ValueConstraint>& constraints,
                                   const std::function<bool(const Decimal&)>& accepts);

}  // namespace symptree
