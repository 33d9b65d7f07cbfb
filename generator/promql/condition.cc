// A condition's analysis read off its syntax tree: the metrics of every
// selector and whether result series keep their input's labels.
#include "generator/promql/condition.h"

#include <cmath>
#include <set>

#include "generator/promql/fold.h"
#include "generator/promql/functions.h"
#include "generator/promql/parser.h"

namespace symptree {
namespace {

using promql::MatchOp;
using promql::Node;
using promql::NodeKind;

// `node` without the parentheses around it.
const Node& unparenthesized(const Node& node) {
  const Node* n = &node;
  while (n->kind == NodeKind::Paren) n = &n->child(0);
  return *n;
}

std::vector<MetricReference> find_metrics(const Node& root) {
  std::vector<MetricReference> metrics;
  std::set<std::string> seen;
  promql::walk(root, [&](const Node& node) {
    if (node.kind != NodeKind::VectorSelector) return;
    std::optional<MetricReference> ref = selector_metric(node);
    if (ref && seen.insert(ref->name).second) metrics.push_back(*ref);
  });
  return metrics;
}

// `metric{l="v",...}` (or `{__name__="metric",...}`) with equality matchers
// only and no offset or @.
std::optional<SeriesSelector> plain_selector(const Node& node) {
  if (node.kind != NodeKind::VectorSelector || node.time.offset_ms || node.time.at != promql::TimeModifiers::At::None) {
    return std::nullopt;
  }
  std::optional<MetricReference> metric = selector_metric(node);
  if (!metric) return std::nullopt;
  SeriesSelector selector;
  selector.metric = metric->name;
  for (const promql::Matcher& m : node.matchers) {
    if (m.op != MatchOp::Equal) return std::nullopt;
    if (m.name == "__name__") {
      if (m.value != selector.metric) return std::nullopt;  // `x{__name__="y"}` selects nothing
      continue;
    }
    selector.labels.emplace_back(m.name, m.value);
  }
  return selector;
}

// No aggregation, no on/ignoring/group_x, no function that rewrites or drops
// labels: each result series has the labels of an input series (time() and
// other scalars combine with a vector without touching its labels).
bool keeps_series_labels(const Node& root) {
  static const std::set<std::string> label_changing = {"label_replace", "label_join", "histogram_quantile", "absent",
                                                       "absent_over_time", "vector", "scalar", "sort_by_label"};
  bool keeps = true;
  promql::walk(root, [&](const Node& node) {
    if (node.kind == NodeKind::Aggregate) keeps = false;
    if (node.kind == NodeKind::Binary && node.matching &&
        (node.matching->has_labels_clause || node.matching->card == promql::Cardinality::ManyToOne ||
         node.matching->card == promql::Cardinality::OneToMany)) {
      keeps = false;
    }
    if (node.kind == NodeKind::Call && label_changing.count(node.name)) keeps = false;
  });
  return keeps && root.type() == promql::ValueType::Vector;
}

// The first number a comparison compares against that symptree could not test
// exactly (see Decimal::parse: `> 1e30`, `> 0.95000000000000000001`), or nullptr.
const Node* inexact_threshold(const Node& root) {
  const Node* found = nullptr;
  promql::walk(root, [&](const Node& node) {
    if (found || node.kind != NodeKind::Binary || !promql::is_comparison(node.binary_op)) return;
    const Node& side = unparenthesized(node.child(1));
    if (side.kind != NodeKind::Number || !std::isfinite(side.number)) return;
    bool hex = side.text.find_first_of("xX") != std::string::npos;
    if (!hex && !Decimal::parse(side.text)) found = &side;
  });
  return found;
}

}  // namespace

std::optional<MetricReference> selector_metric(const promql::Node& selector) {
  if (!selector.metric.empty()) return MetricReference{selector.metric, selector.metric_pos.start};
  for (const promql::Matcher& m : selector.matchers) {
    if (m.name == "__name__" && m.op == MatchOp::Equal) return MetricReference{m.value, m.value_pos.start + 1};
  }
  return std::nullopt;
}

std::optional<ConstantThreshold> constant_threshold(const promql::Node& side, const std::string& expression) {
  std::optional<promql::Constant> constant = promql::fold_constant(side);
  if (!constant || !constant->exact) return std::nullopt;
  const Node& inner = unparenthesized(side);
  // A lone number keeps its literal ("1e3" as written); an expression its source text.
  std::string text = inner.kind == NodeKind::Number ? inner.text
                                                    : expression.substr(side.pos.start, side.pos.end - side.pos.start);
  return ConstantThreshold{text, *constant->exact};
}

std::optional<SeriesSelector> parse_series_selector(const std::string& text) {
  promql::ParseResult parsed = promql::parse_promql(text);
  if (!parsed.ok()) return std::nullopt;
  return plain_selector(*parsed.expr);
}

ConditionAnalysis analyze_condition(const std::string& expression) {
  ConditionAnalysis analysis;
  promql::ParseResult parsed = promql::parse_promql(expression);
  if (!parsed.ok()) {
    analysis.error = parsed.errors.empty() ? "not a valid expression" : parsed.errors.front().message;
    analysis.error_offset = parsed.errors.empty() ? 0 : parsed.errors.front().pos.start;
    return analysis;
  }
  if (const Node* threshold = inexact_threshold(*parsed.expr)) {
    analysis.error = "threshold " + threshold->text + " cannot be tested exactly: promtool reads values as float64, "
                     "which holds 15 significant digits and no finer steps than 1e-20";
    analysis.error_offset = threshold->pos.start;
    analysis.syntax_error = false;
    return analysis;
  }
  analysis.ast = std::shared_ptr<const Node>(std::move(parsed.expr));
  analysis.metrics = find_metrics(*analysis.ast);
  analysis.keeps_series_labels = keeps_series_labels(*analysis.ast);
  return analysis;
}

}  // namespace symptree
