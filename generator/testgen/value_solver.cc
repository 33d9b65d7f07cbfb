// Candidate search over thresholds, their neighbours and midpoints.
#include "generator/testgen/value_solver.h"

namespace symptree {

bool ValueConstraint::satisfied_by(const Decimal& value) const {
  bool result = false;
  if (op == ">") result = value > threshold;
  if (op == "<") result = value < threshold;
  if (op == ">=") result = value >= threshold;
  if (op == "<=") result = value <= threshold;
  if (op == "==") result = value == threshold;
  if (op == "!=") result = value != threshold;
  return result == holds;
}

namespace {

std::vector<Decimal> candidates(const std::vector<ValueConstraint>& constraints) {
  std::vector<Decimal> values;
  for (const ValueConstraint& c : constraints) {
    Decimal below = c.threshold - c.unit();
    Decimal above = c.threshold + c.unit();
    bool equality = c.op == "==" || c.op == "!=";
    bool prefer_below = equality && below >= Decimal::from_int(0);
    values.push_back(c.threshold);
    values.push_back(prefer_below ? below : above);
    values.push_back(prefer_below ? above : below);
  }
  for (const ValueConstraint& c : constraints) {
    Decimal two = c.unit() + c.unit();
    values.push_back(c.threshold + two);
    values.push_back(c.threshold - two);
  }
  for (size_t i = 0; i < constraints.size(); ++i) {
    for (size_t j = i + 1; j < constraints.size(); ++j) {
      values.push_back((constraints[i].threshold + constraints[j].threshold).half());
    }
  }
  return values;
}

}  // namespace

std::optional<Decimal> solve_value(const std::vector<ValueConstraint>& constraints) {
  return solve_value(constraints, [](const Decimal&) { return true; });
}

std::optional<Decimal> solve_value(const std::vector<ValueConstraint>& constraints,
                                   const std::function<bool(const Decimal&)>& accepts) {
  if (constraints.empty()) return accepts(Decimal::from_int(1)) ? std::optional<Decimal>(Decimal::from_int(1)) : std::nullopt;
  for (const Decimal& value : candidates(constraints)) {
    bool ok = true;
    for (const ValueConstraint& c : constraints) ok = ok && c.satisfied_by(value);
    if (ok && accepts(value)) return value;
  }
  return std::nullopt;
}

}  // namespace symptree
