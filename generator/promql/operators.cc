// Token -> operator tables and binary operator precedence (generated_parser.y's
// %left/%right list, lowest first).
#include "generator/promql/operators.h"

namespace symptree::promql {

std::optional<BinaryOp> binary_op_of(Tok kind) {
  switch (kind) {
    case Tok::Or: return BinaryOp::Or;
    case Tok::And: return BinaryOp::And;
    case Tok::Unless: return BinaryOp::Unless;
    case Tok::Eqlc: return BinaryOp::Eql;
    case Tok::Neq: return BinaryOp::Neq;
    case Tok::Lss: return BinaryOp::Lss;
    case Tok::Lte: return BinaryOp::Lte;
    case Tok::Gtr: return BinaryOp::Gtr;
    case Tok::Gte: return BinaryOp::Gte;
    case Tok::Add: return BinaryOp::Add;
    case Tok::Sub: return BinaryOp::Sub;
    case Tok::Mul: return BinaryOp::Mul;
    case Tok::Div: return BinaryOp::Div;
    case Tok::Mod: return BinaryOp::Mod;
    case Tok::Atan2: return BinaryOp::Atan2;
    case Tok::Pow: return BinaryOp::Pow;
    default: return std::nullopt;
  }
}

int precedence(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or: return 1;
    case BinaryOp::And:
    case BinaryOp::Unless: return 2;
    case BinaryOp::Add:
    case BinaryOp::Sub: return 4;
    case BinaryOp::Mul:
    case BinaryOp::Div:
    case BinaryOp::Mod:
    case BinaryOp::Atan2: return 5;
    case BinaryOp::Pow: return kPowPrecedence;
    default: return 3;  // comparisons
  }
}

AggregateOp aggregate_op_of(Tok kind) {
  switch (kind) {
    case Tok::Avg: return AggregateOp::Avg;
    case Tok::Bottomk: return AggregateOp::Bottomk;
    case Tok::Count: return AggregateOp::Count;
    case Tok::CountValues: return AggregateOp::CountValues;
    case Tok::Group: return AggregateOp::Group;
    case Tok::Max: return AggregateOp::Max;
    case Tok::Min: return AggregateOp::Min;
    case Tok::Quantile: return AggregateOp::Quantile;
    case Tok::Stddev: return AggregateOp::Stddev;
    case Tok::Stdvar: return AggregateOp::Stdvar;
    case Tok::Topk: return AggregateOp::Topk;
    default: return AggregateOp::Sum;
  }
}

}  // namespace symptree::promql
