// Picks a sample value that makes each simple comparison on one series hold or
// not, preferring the threshold itself and one unit beside it, so that tests
// fail when a threshold in the rules drifts from the spec.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generator/promql/decimal.h"

namespace symptree {

// "value OP threshold must be `holds`".
struct ValueConstraint {
  std::string op;  // > < >= <= == !=
  Decimal threshold;
  bool holds = true;

  bool satisfied_by(const Decimal& value) const;
};

// A value meeting every constraint, or nullopt when they contradict each other.
std::optional<Decimal> solve_value(const std::vector<ValueConstraint>& constraints);

}  // namespace symptree
