// Comparisons an alert condition cannot use as written: a `bool` comparison at
// the top (0 or 1 on every evaluation, so the alert would always fire), and a
// threshold without an exact decimal value (`2 / 3`: no test value can sit on it).
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"
#include "generator/promql/ast.h"

namespace symptree {

// Errors for conditions whose result is a `bool` comparison, at the `bool`.
void check_bool_conditions(const Model& model, Diagnostics& diagnostics);

// Whether `expr` is, outside parentheses, a comparison with `bool`.
bool is_bool_comparison(const promql::Node& expr);

// A comparison's constant side that folds to no exact decimal, with its text.
struct InexactThreshold {
  size_t offset;     // in the expression
  std::string text;  // as written ("2 / 3")
  double value;      // as Prometheus computes it
};
std::optional<InexactThreshold> inexact_threshold(const promql::Node& expr, const std::string& text);

}  // namespace symptree
