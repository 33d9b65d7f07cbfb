// The syntax tree of a PromQL expression (Prometheus 2.x), as built by
// parse_promql (parser.h): one Node type whose `kind` says which fields are in
// use, every node with the byte range it was written at.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace symptree::promql {

// A byte range [start, end) in the expression text.
struct Range {
  size_t start = 0;
  size_t end = 0;
};

// The four PromQL value types (None for a node that failed to type).
enum class ValueType { None, Scalar, Vector, Matrix, String };
const char* value_type_name(ValueType type);  // "scalar", "instant vector", ...

enum class NodeKind { Number, String, VectorSelector, MatrixSelector, Subquery, Paren, Unary, Binary, Call, Aggregate };

// Binary operators, in the order of their precedence classes (see precedence()).
enum class BinaryOp { Or, And, Unless, Eql, Neq, Lss, Lte, Gtr, Gte, Add, Sub, Mul, Div, Mod, Atan2, Pow };
const char* binary_op_text(BinaryOp op);  // "or", "==", "+", "atan2", ...
bool is_comparison(BinaryOp op);
bool is_set_operator(BinaryOp op);  // and, or, unless

enum class AggregateOp { Sum, Avg, Count, Min, Max, Group, Stddev, Stdvar, Topk, Bottomk, CountValues, Quantile };
const char* aggregate_op_text(AggregateOp op);  // "sum", "count_values", ...
bool takes_parameter(AggregateOp op);           // topk, bottomk, count_values, quantile

enum class MatchOp { Equal, NotEqual, Regex, NotRegex };
const char* match_op_text(MatchOp op);  // "=", "!=", "=~", "!~"

// One `name op "value"` inside braces. `value` is unquoted.
struct Matcher {
  std::string name;
  MatchOp op = MatchOp::Equal;
  std::string value;
  Range pos;        // the whole matcher
  Range value_pos;  // the quoted value
};

// `on (...)` / `ignoring (...)` and `group_left (...)` / `group_right (...)` of a binary operator.
enum class Cardinality { OneToOne, ManyToOne, OneToMany, ManyToMany };
struct VectorMatching {
  bool on = false;                 // on (...) rather than ignoring (...)
  bool has_labels_clause = false;  // on/ignoring was written at all
  std::vector<std::string> labels;
  Range labels_pos;  // from the on/ignoring keyword to its ')'
  Cardinality card = Cardinality::OneToOne;
  std::vector<std::string> include;  // group_left/group_right labels
  Range group_pos;                   // the group_x keyword and its list
};

// `offset` and `@` of a selector or subquery.
struct TimeModifiers {
  std::optional<int64_t> offset_ms;  // negative for `offset -5m`
  Range offset_pos;
  enum class At { None, Timestamp, Start, End } at = At::None;
  double at_seconds = 0;
  Range at_pos;
};

struct Function;  // functions.h

// One node. Which fields are used depends on `kind`:
//   Number:         number, text (the literal as written, sign folded in: "-1e3")
//   String:         text (unquoted)
//   VectorSelector: metric (may be empty), metric_pos, matchers, time
//   MatrixSelector: children[0] (a VectorSelector, which carries offset/@), range_ms, range_pos
//   Subquery:       children[0], range_ms, step_ms (0 when omitted), range_pos, time
//   Paren:          children[0]
//   Unary:          op_text ("-" or "+"), children[0]
//   Binary:         binary_op, op_pos, return_bool, matching (absent unless both sides are vectors
//                   after type checking), children[0] (lhs), children[1] (rhs)
//   Call:           function (nullptr if unknown), name, name_pos, children = arguments
//   Aggregate:      aggregate_op, op_pos, grouping, without, has_grouping, grouping_pos,
//                   children = [parameter,] expression
struct Node {
  NodeKind kind = NodeKind::Number;
  Range pos;
  std::vector<std::unique_ptr<Node>> children;

  double number = 0;
  std::string text;

  std::string metric;
  Range metric_pos;
  std::vector<Matcher> matchers;
  TimeModifiers time;

  int64_t range_ms = 0;
  int64_t step_ms = 0;
  Range range_pos;

  std::string op_text;
  BinaryOp binary_op = BinaryOp::Add;
  Range op_pos;
  bool return_bool = false;
  std::optional<VectorMatching> matching;

  const Function* function = nullptr;
  std::string name;
  Range name_pos;

  AggregateOp aggregate_op = AggregateOp::Sum;
  std::vector<std::string> grouping;
  bool without = false;
  bool has_grouping = false;
  Range grouping_pos;  // from by/without to its ')'

  // The node's value type (set by the parser from the kinds below it).
  ValueType type() const;
  const Node& child(size_t i) const { return *children.at(i); }
  // For Aggregate: the aggregated expression (the last child), and the parameter if any.
  const Node& aggregated() const { return *children.back(); }
  const Node* parameter() const { return children.size() == 2 ? children[0].get() : nullptr; }
};

using NodePtr = std::unique_ptr<Node>;

// Calls `visit` on `node` and every node below it, parents first.
void walk(const Node& node, const std::function<void(const Node&)>& visit);

// A compact S-expression of the tree, for tests and debugging:
// `(> (call rate (matrix (sel foo) 5m)) 1)`.
std::string dump(const Node& node);

}  // namespace symptree::promql
