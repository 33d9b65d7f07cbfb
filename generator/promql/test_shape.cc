// Reading a condition's derivable shape off its syntax tree.
#include "generator/promql/test_shape.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>

#include "generator/promql/condition.h"
#include "generator/promql/fold.h"
#include "generator/promql/lexer.h"
#include "generator/promql/parser.h"

namespace symptree::promql {
namespace {

const Node& unparen(const Node& node) {
  const Node* n = &node;
  while (n->kind == NodeKind::Paren) n = &n->child(0);
  return *n;
}

std::optional<ShapeSelector> selector_of(const Node& node) {
  const Node& n = unparen(node);
  if (n.kind != NodeKind::VectorSelector) return std::nullopt;
  if (n.time.offset_ms.value_or(0) < 0 || n.time.at != TimeModifiers::At::None) return std::nullopt;
  std::optional<MetricReference> metric = selector_metric(n);  // `name{...}` or `{__name__="name",...}`
  if (!metric) return std::nullopt;
  ShapeSelector selector{metric->name, {}, n.time.offset_ms.value_or(0)};
  for (const Matcher& m : n.matchers) {
    if (m.op != MatchOp::Equal) return std::nullopt;
    if (m.name == "__name__") {
      if (m.value != selector.metric) return std::nullopt;  // `x{__name__="y"}` selects nothing
      continue;
    }
    selector.matchers.emplace_back(m.name, m.value);
  }
  return selector;
}

// f(sel[w]) for one of the functions the tests can drive with a linear series.
std::optional<Term> range_function(const Node& n) {
  static const std::pair<const char*, TermKind> kinds[] = {{"rate", TermKind::Rate},
                                                           {"irate", TermKind::Irate},
                                                           {"increase", TermKind::Increase},
                                                           {"delta", TermKind::Delta},
                                                           {"deriv", TermKind::Deriv}};
  if (n.kind != NodeKind::Call || n.children.size() != 1) return std::nullopt;
  for (const auto& [name, kind] : kinds) {
    if (n.name != name) continue;
    const Node& matrix = unparen(n.child(0));
    if (matrix.kind != NodeKind::MatrixSelector) return std::nullopt;
    std::optional<ShapeSelector> selector = selector_of(matrix.child(0));
    if (!selector) return std::nullopt;
    Term term;
    term.kind = kind;
    term.selector = *selector;
    term.range_ms = matrix.range_ms;
    term.offset_ms = selector->offset_ms;
    return term;
  }
  return std::nullopt;
}

bool is_time_call(const Node& node) {
  const Node& n = unparen(node);
  return n.kind == NodeKind::Call && n.name == "time" && n.children.empty();
}

// A node with the aggregations that keep one series' value (and `sum` when
// allowed) peeled off; `sums` is set when a sum was peeled.
const Node& peel_aggregations(const Node& node, bool cluster, bool& sums) {
  const Node* n = &unparen(node);
  while (n->kind == NodeKind::Aggregate && !n->parameter()) {
    AggregateOp op = n->aggregate_op;
    bool keeps = op == AggregateOp::Max || op == AggregateOp::Min || op == AggregateOp::Avg;
    if (!keeps && !(op == AggregateOp::Sum && !cluster)) break;
    sums = sums || op == AggregateOp::Sum;
    n = &unparen(n->aggregated());
  }
  return *n;
}

std::optional<Term> simple_term(const Node& node, bool cluster, bool& sums) {
  const Node& n = peel_aggregations(node, cluster, sums);
  if (std::optional<ShapeSelector> selector = selector_of(n)) return Term{TermKind::Value, *selector, {}, {}, 0, sums, selector->offset_ms};
  if (std::optional<Term> term = range_function(n)) {
    term->sums = sums;
    return term;
  }
  return std::nullopt;
}

std::optional<Term> term_of(const Node& node, bool cluster) {
  bool sums = false;
  const Node& n = peel_aggregations(node, cluster, sums);
  if (n.kind == NodeKind::Binary && !n.return_bool && !n.matching.value_or(VectorMatching{}).has_labels_clause) {
    if (n.binary_op == BinaryOp::Sub && is_time_call(n.child(1))) {
      if (std::optional<ShapeSelector> selector = selector_of(n.child(0))) {
        return Term{TermKind::MinusTime, *selector, {}, {}, 0, sums, selector->offset_ms};
      }
    }
    if (n.binary_op == BinaryOp::Sub && is_time_call(n.child(0))) {
      if (std::optional<ShapeSelector> selector = selector_of(n.child(1))) {
        return Term{TermKind::TimeMinus, *selector, {}, {}, 0, sums, selector->offset_ms};
      }
    }
    if (n.binary_op == BinaryOp::Div) {
      bool sums_top = false, sums_bottom = false;
      std::optional<Term> top = simple_term(n.child(0), cluster, sums_top);
      std::optional<Term> bottom = simple_term(n.child(1), cluster, sums_bottom);
      bool same = top && bottom && top->kind == bottom->kind && top->range_ms == bottom->range_ms &&
                  top->kind != TermKind::Deriv;
      same = same && top->offset_ms == bottom->offset_ms;
      if (same && top->selector.metric != bottom->selector.metric) {
        Term ratio{TermKind::Ratio, top->selector, bottom->selector, top->kind, top->range_ms, sums, top->offset_ms};
        return ratio;
      }
    }
    return std::nullopt;
  }
  return simple_term(n, cluster, sums);
}

// `T * k`, `k * T` or `T / k` with k a positive constant with an exact value:
// the term's node, and k.
struct ScaledNode {
  const Node* term;
  Constant factor;
  bool divides;
};

std::optional<ScaledNode> scaled_node(const Node& node) {
  const Node& n = unparen(node);
  if (n.kind != NodeKind::Binary || n.return_bool || (n.binary_op != BinaryOp::Mul && n.binary_op != BinaryOp::Div)) {
    return std::nullopt;
  }
  for (int side = 1; side >= 0; --side) {
    if (side == 0 && n.binary_op == BinaryOp::Div) break;  // k / T is not a scaled T
    std::optional<Constant> k = fold_constant(n.child(side));
    if (!k || !k->exact || *k->exact <= Decimal::from_int(0)) continue;
    return ScaledNode{&n.child(1 - side), *k, n.binary_op == BinaryOp::Div};
  }
  return std::nullopt;
}

std::optional<TestShape> comparison(const Node& n, bool cluster) {
  if (n.return_bool) return std::nullopt;
  std::string op = binary_op_text(n.binary_op);
  for (int side = 0; side < 2; ++side) {
    std::optional<Constant> constant = fold_constant(n.child(1 - side));
    if (!constant || !constant->exact) continue;
    TestShape shape;
    shape.kind = TestShape::Kind::Compare;
    shape.op = side == 0 ? op : flipped_comparison(op);
    shape.threshold = *constant->exact;
    if (std::optional<Term> term = term_of(n.child(side), cluster)) {
      shape.term = *term;
      shape.compared_threshold = std::strtod(shape.threshold.to_string().c_str(), nullptr);
      return shape;
    }
    std::optional<ScaledNode> scaled = scaled_node(n.child(side));
    if (!scaled) return std::nullopt;
    std::optional<Term> term = term_of(*scaled->term, cluster);
    std::optional<Decimal> threshold = scaled->divides ? exact_product(*constant->exact, *scaled->factor.exact)
                                                       : exact_quotient(*constant->exact, *scaled->factor.exact);
    if (!term || !threshold) return std::nullopt;
    shape.term = *term;
    shape.threshold = *threshold;
    const Decimal& k = *scaled->factor.exact;
    std::optional<Decimal> unit = scaled->divides ? exact_product(constant->exact->unit(), k)
                                                  : exact_quotient(constant->exact->unit(), k);
    shape.scaling = Scaling{scaled->factor.value, scaled->divides, constant->value, unit};
    shape.compared_threshold = shape.scaling->threshold;
    return shape;
  }
  return std::nullopt;
}

// Every selector of `shape`, for reading or changing its matchers.
void for_each_selector(TestShape& shape, const std::function<void(ShapeSelector&)>& visit) {
  if (shape.kind == TestShape::Kind::Absent) return visit(shape.absent);
  if (shape.kind == TestShape::Kind::Compare) {
    visit(shape.term.selector);
    if (shape.term.divisor) visit(*shape.term.divisor);
    return;
  }
  for (TestShape& part : shape.parts) for_each_selector(part, visit);
}

// The equality matchers of `shape`'s selectors on the labels `matching`
// compares, when its selectors agree on the value.
std::map<std::string, std::string> compared_matchers(TestShape& shape, const VectorMatching& matching) {
  std::map<std::string, std::string> values;
  std::set<std::string> conflicting;
  for_each_selector(shape, [&](ShapeSelector& selector) {
    for (const auto& [label, value] : selector.matchers) {
      bool listed = std::find(matching.labels.begin(), matching.labels.end(), label) != matching.labels.end();
      if (listed != matching.on || value.empty()) continue;  // on (...): the listed ones; ignoring (...): the others
      if (!values.emplace(label, value).second && values[label] != value) conflicting.insert(label);
    }
  });
  for (const std::string& label : conflicting) values.erase(label);
  return values;
}

// `A and on (pod, container) B` with `container="app"` in A's selector: B's
// matching series carry container="app" too, so the tests give B's series the
// value (and the other way round), or the two sides would never match.
void share_compared_matchers(TestShape& left, TestShape& right, const VectorMatching& matching) {
  std::map<std::string, std::string> from_left = compared_matchers(left, matching);
  std::map<std::string, std::string> from_right = compared_matchers(right, matching);
  auto give = [](TestShape& shape, const std::map<std::string, std::string>& values) {
    for_each_selector(shape, [&](ShapeSelector& selector) {
      for (const auto& entry : values) {
        const std::string& label = entry.first;  // a structured binding cannot be captured in C++17
        bool has = std::any_of(selector.matchers.begin(), selector.matchers.end(),
                               [&](const auto& matcher) { return matcher.first == label; });
        if (!has) selector.matchers.emplace_back(label, entry.second);
      }
    });
  };
  give(right, from_left);
  give(left, from_right);
}

}  // namespace

const Node* inexact_scaled_comparison(const Node& expr) {
  const Node* found = nullptr;
  walk(expr, [&](const Node& n) {
    if (found || n.kind != NodeKind::Binary || n.return_bool || !is_comparison(n.binary_op)) return;
    for (int side = 0; side < 2; ++side) {
      std::optional<Constant> constant = fold_constant(n.child(1 - side));
      std::optional<ScaledNode> scaled = scaled_node(n.child(side));
      if (!constant || !constant->exact || !scaled) continue;
      std::optional<Decimal> threshold = scaled->divides ? exact_product(*constant->exact, *scaled->factor.exact)
                                                         : exact_quotient(*constant->exact, *scaled->factor.exact);
      if (!threshold) found = &n;
    }
  });
  return found;
}

std::optional<TestShape> test_shape(const Node& expr, bool cluster) {
  const Node& n = unparen(expr);
  if (n.kind == NodeKind::Call && n.name == "absent" && n.children.size() == 1) {
    std::optional<ShapeSelector> selector = selector_of(n.child(0));
    if (!selector) return std::nullopt;
    TestShape shape;
    shape.kind = TestShape::Kind::Absent;
    shape.absent = *selector;
    return shape;
  }
  if (n.kind != NodeKind::Binary) return std::nullopt;
  if (is_comparison(n.binary_op)) return comparison(n, cluster);
  if (!is_set_operator(n.binary_op)) return std::nullopt;
  std::optional<TestShape> left = test_shape(n.child(0), cluster);
  std::optional<TestShape> right = left ? test_shape(n.child(1), cluster) : std::nullopt;
  if (!right) return std::nullopt;
  TestShape shape;
  shape.kind = n.binary_op == BinaryOp::And ? TestShape::Kind::And
               : n.binary_op == BinaryOp::Or ? TestShape::Kind::Or
                                             : TestShape::Kind::Unless;
  if (shape.kind != TestShape::Kind::Or) share_compared_matchers(*left, *right, n.matching.value_or(VectorMatching{}));
  shape.parts.push_back(std::move(*left));
  shape.parts.push_back(std::move(*right));
  return shape;
}

std::optional<TestShape> test_shape_of(const std::string& text, bool cluster) {
  ParseResult parsed = parse_promql(text);
  if (!parsed.ok()) return std::nullopt;
  return test_shape(*parsed.expr, cluster);
}

Underivable underivable_part(const Node& expr, bool cluster) {
  static const std::set<std::string> driven = {"rate", "irate", "increase", "delta", "deriv", "time", "absent"};
  Underivable found;
  walk(expr, [&](const Node& n) {
    if (found.at) return;
    if (n.kind == NodeKind::VectorSelector) {
      for (const Matcher& m : n.matchers) {
        if (m.op == MatchOp::Equal) continue;
        found = {&n, m.pos.start, "the matcher " + m.name + match_op_text(m.op) + "\"" + m.value + "\""};
        return;
      }
    } else if (n.kind == NodeKind::Call && !driven.count(n.name)) {
      found = {&n, n.pos.start, n.name + "()"};
    } else if (n.kind == NodeKind::Aggregate) {
      AggregateOp op = n.aggregate_op;
      bool kept = !n.parameter() && (op == AggregateOp::Max || op == AggregateOp::Min || op == AggregateOp::Avg ||
                                     (op == AggregateOp::Sum && !cluster));
      if (!kept) found = {&n, n.pos.start, std::string(aggregate_op_text(op)) + (op == AggregateOp::Sum ? " across the cluster" : "")};
    }
  });
  return found;
}

int64_t term_window_ms(const Term& term) { return term.range_ms + term.offset_ms; }

}  // namespace symptree::promql
