// What symptree needs to know about a node's `when` expression, read off its
// syntax tree (parse_promql): the tree itself, which metrics it reads (to catch
// typos and build absence alerts), whether its result keeps its input's
// labels, and the constant thresholds test shapes compare against.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/promql/ast.h"
#include "generator/promql/decimal.h"

namespace symptree {

// A metric name as it appears in the expression: `name{...}` or `{__name__="name"}`.
struct MetricReference {
  std::string name;
  size_t offset;  // byte offset in the expression, for error positions (inside the quotes for __name__)
};

// The analysis of one condition.
struct ConditionAnalysis {
  std::vector<MetricReference> metrics;  // each distinct name once, first occurrence
  // True when each result series keeps the labels of the input series it came
  // from: no aggregation, no vector matching, no label-changing function.
  bool keeps_series_labels = false;
  // The first syntax or type error (Prometheus's wording), or with syntax_error
  // false a threshold symptree cannot test exactly; at error_offset.
  std::string error;
  size_t error_offset = 0;
  bool syntax_error = true;
  // The syntax tree; null when the expression does not parse. Shared: a Condition is copied.
  std::shared_ptr<const promql::Node> ast;
};

ConditionAnalysis analyze_condition(const std::string& expression);

// A series selector with equality matchers only, as promtool input series are
// written: `metric{label="value",...}`.
struct SeriesSelector {
  std::string metric;
  std::vector<std::pair<std::string, std::string>> labels;
};

// The threshold of a comparison's side when it is a constant with an exact
// decimal value (`0.95`, `-3`, `26 * 3600`), with its text as written.
struct ConstantThreshold {
  std::string text;
  Decimal value;
};
std::optional<ConstantThreshold> constant_threshold(const promql::Node& side, const std::string& expression);

// The metric a vector selector reads: its name, or its `__name__="..."` matcher.
std::optional<MetricReference> selector_metric(const promql::Node& selector);

// Parses a whole string as a SeriesSelector; nullopt when it is anything else.
std::optional<SeriesSelector> parse_series_selector(const std::string& text);

}  // namespace symptree
