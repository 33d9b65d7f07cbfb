// Constant folding of scalar PromQL expressions, so that a threshold written
// as `26 * 3600` or `( 25 / 100 )` is the number it stands for, exactly when
// it can be written as a decimal.
#pragma once

#include <optional>
#include <string>

#include "generator/promql/ast.h"
#include "generator/promql/decimal.h"

namespace symptree::promql {

struct Constant {
  double value = 0;              // as Prometheus computes it (float64)
  std::optional<Decimal> exact;  // the exact decimal, when there is one (not for 1/3, Inf, NaN, pi())
};

// The value of an expression made only of numbers, parentheses, unary signs,
// + - * / % ^ atan2 and `bool` comparisons; nullopt for anything else
// (selectors, time(), scalar(...)).
std::optional<Constant> fold_constant(const Node& expr);

// a / b and a * b when the result is an exact decimal (90 / 100 = 0.9; 1 / 3: nullopt).
std::optional<Decimal> exact_quotient(const Decimal& a, const Decimal& b);
std::optional<Decimal> exact_product(const Decimal& a, const Decimal& b);

}  // namespace symptree::promql
