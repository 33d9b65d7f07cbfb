// The checks Prometheus runs on a parsed expression (parser.checkAST): operand
// types of operators, functions and aggregations, bool only on comparisons,
// vector matching only between vectors, selectors that select something.
#pragma once

#include <vector>

#include "generator/promql/ast.h"
#include "generator/promql/parser.h"

namespace symptree::promql {

// Appends every problem of `root` to `errors`; normalises vector matching
// (dropped where an operand is a scalar, many-to-many for set operators).
void type_check(Node& root, std::vector<ParseError>& errors);

}  // namespace symptree::promql
