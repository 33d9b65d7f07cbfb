// Which operator a token stands for, and how tightly binary operators bind:
// or (1) < and, unless (2) < comparisons (3) < + - (4) < * / % atan2 (5) < ^ (6).
#pragma once

#include <optional>

#include "generator/promql/ast.h"
#include "generator/promql/scanner.h"

namespace symptree::promql {

constexpr int kPowPrecedence = 6;  // also the operand precedence of unary + and -

std::optional<BinaryOp> binary_op_of(Tok kind);  // nullopt: not a binary operator
int precedence(BinaryOp op);
AggregateOp aggregate_op_of(Tok kind);  // for an aggregation keyword

}  // namespace symptree::promql
