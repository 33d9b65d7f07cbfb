// Type checking of a PromQL tree, rule for rule as Prometheus's checkAST.
#include "generator/promql/type_check.h"

#include "generator/promql/functions.h"
#include "generator/promql/regex_syntax.h"

namespace symptree::promql {

namespace {

class Checker {
 public:
  explicit Checker(std::vector<ParseError>& errors) : errors_(errors) {}
  ValueType check(Node& node);

 private:
  void error(Range pos, std::string message) { errors_.push_back({std::move(message), pos}); }
  void expect(Node& node, ValueType want, const std::string& context) {
    ValueType got = check(node);
    if (got != want) {
      error(node.pos, std::string("expected type ") + value_type_name(want) + " in " + context + ", got " +
                          value_type_name(got));
    }
  }
  void aggregate(Node& node);
  void binary(Node& node);
  void call(Node& node);
  void selector(Node& node);

  std::vector<ParseError>& errors_;
};

ValueType Checker::check(Node& node) {
  switch (node.kind) {
    case NodeKind::Aggregate: aggregate(node); break;
    case NodeKind::Binary: binary(node); break;
    case NodeKind::Call: call(node); break;
    case NodeKind::Paren:
    case NodeKind::MatrixSelector: check(*node.children[0]); break;
    case NodeKind::Unary: {
      ValueType t = check(*node.children[0]);
      if (t != ValueType::Scalar && t != ValueType::Vector) {
        error(node.pos, std::string("unary expression only allowed on expressions of type scalar or instant vector, got \"") +
                            value_type_name(t) + "\"");
      }
      break;
    }
    case NodeKind::Subquery:
      if (check(*node.children[0]) != ValueType::Vector) {
        error(node.pos, std::string("subquery is only allowed on instant vector, got ") +
                            value_type_name(node.child(0).type()) + " instead");
      }
      break;
    case NodeKind::VectorSelector: selector(node); break;
    case NodeKind::Number:
    case NodeKind::String: break;
  }
  return node.type();
}

void Checker::aggregate(Node& node) {
  expect(*node.children.back(), ValueType::Vector, "aggregation expression");
  AggregateOp op = node.aggregate_op;
  if (op == AggregateOp::Topk || op == AggregateOp::Bottomk || op == AggregateOp::Quantile) {
    expect(*node.children[0], ValueType::Scalar, "aggregation parameter");
  } else if (op == AggregateOp::CountValues) {
    expect(*node.children[0], ValueType::String, "aggregation parameter");
  }
}

void Checker::binary(Node& node) {
  ValueType lt = check(*node.children[0]);
  ValueType rt = check(*node.children[1]);
  BinaryOp op = node.binary_op;
  VectorMatching& m = *node.matching;
  if (node.return_bool && !is_comparison(op)) error(node.op_pos, "bool modifier can only be used on comparison operators");
  if (is_comparison(op) && !node.return_bool && lt == ValueType::Scalar && rt == ValueType::Scalar) {
    error(node.op_pos, "comparisons between scalars must use BOOL modifier");
  }
  if (is_set_operator(op) && m.card == Cardinality::OneToOne) m.card = Cardinality::ManyToMany;
  if (m.on) {
    for (const auto& label : m.labels) {
      for (const auto& included : m.include) {
        if (label == included) error(node.op_pos, "label \"" + label + "\" must not occur in ON and GROUP clause at once");
      }
    }
  }
  if (lt != ValueType::Scalar && lt != ValueType::Vector) {
    error(node.child(0).pos, "binary expression must contain only scalar and instant vector types");
  }
  if (rt != ValueType::Scalar && rt != ValueType::Vector) {
    error(node.child(1).pos, "binary expression must contain only scalar and instant vector types");
  }
  if (lt != ValueType::Vector || rt != ValueType::Vector) {
    if (!m.labels.empty()) error(node.pos, "vector matching only allowed between instant vectors");
    node.matching.reset();
  } else if (is_set_operator(op)) {
    if (m.card == Cardinality::OneToMany || m.card == Cardinality::ManyToOne) {
      error(node.pos, std::string("no grouping allowed for \"") + binary_op_text(op) + "\" operation");
    }
    if (m.card != Cardinality::ManyToMany) error(node.pos, "set operations must always be many-to-many");
  }
  if ((lt == ValueType::Scalar || rt == ValueType::Scalar) && is_set_operator(op)) {
    error(node.pos, std::string("set operator \"") + binary_op_text(op) + "\" not allowed in binary scalar expression");
  }
}

void Checker::call(Node& node) {
  const Function& f = *node.function;
  size_t nargs = f.arg_types.size(), given = node.children.size();
  std::string name = std::string("\"") + f.name + "\"";
  if (f.variadic == 0) {
    if (nargs != given) {
      error(node.pos, "expected " + std::to_string(nargs) + " argument(s) in call to " + name + ", got " +
                          std::to_string(given));
    }
  } else {
    size_t required = nargs - 1;
    if (required > given) {
      error(node.pos, "expected at least " + std::to_string(required) + " argument(s) in call to " + name + ", got " +
                          std::to_string(given));
    } else if (f.variadic > 0 && required + f.variadic < given) {
      error(node.pos, "expected at most " + std::to_string(required + f.variadic) + " argument(s) in call to " + name +
                          ", got " + std::to_string(given));
    }
  }
  for (size_t i = 0; i < given; ++i) {
    size_t type_index = i;
    if (i >= nargs) {
      if (f.variadic == 0) break;
      type_index = nargs - 1;
    }
    expect(*node.children[i], f.arg_types[type_index], "call to function " + name);
  }
}

bool matches_empty(const Matcher& m) {
  switch (m.op) {
    case MatchOp::Equal: return m.value.empty();
    case MatchOp::NotEqual: return !m.value.empty();
    case MatchOp::Regex: return regex_matches_empty(m.value);
    case MatchOp::NotRegex: return !regex_matches_empty(m.value);
  }
  return false;
}

void Checker::selector(Node& node) {
  if (!node.metric.empty()) {
    for (const auto& m : node.matchers) {
      if (m.name == "__name__") {
        error(node.pos, "metric name must not be set twice: \"" + node.metric + "\" or \"" + m.value + "\"");
      }
    }
    return;
  }
  for (const auto& m : node.matchers) {
    if (!matches_empty(m)) return;
  }
  error(node.pos, "vector selector must contain at least one non-empty matcher");
}

}  // namespace

void type_check(Node& root, std::vector<ParseError>& errors) { Checker(errors).check(root); }

}  // namespace symptree::promql
