// What symptree needs to know about a node's `when` expression: which metrics it
// reads (to catch typos and build absence alerts) and, when it is a simple
// comparison or an `or` of them, the parts from which test series are derived.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/promql/decimal.h"

namespace symptree {

// A metric name as it appears in the expression.
struct MetricReference {
  std::string name;
  size_t offset;  // byte offset in the expression, for error positions
};

// `max without (host) (...)`: an aggregation around a comparison's selector.
// Only aggregations whose value over equal inputs is that value (max, min, avg),
// so a test can give every host the same value.
struct Aggregation {
  std::string op;                   // max | min | avg
  bool without = false;             // `without (labels)`, else `by (labels)` (or neither: every label goes)
  std::vector<std::string> labels;  // as written
  size_t offset = 0;                // of the aggregation's keyword, for error positions
  size_t labels_offset = 0;         // of the `by` or `without` keyword; `offset` when there is none
};

// `metric{label="value",...} OP number`, or `AGG [by|without (...)] (metric{...}) OP number`:
// the shapes whose test series symptree derives.
struct SimpleComparison {
  std::optional<Aggregation> aggregation;
  std::string metric;
  std::vector<std::pair<std::string, std::string>> matchers;  // equality matchers only
  std::string op;                                              // > < >= <= == !=
  std::string threshold_text;                                  // exactly as written
  Decimal threshold;

  // The labels of the result for an input series with `labels`: those the aggregation keeps.
  std::vector<std::pair<std::string, std::string>> result_labels(
      const std::vector<std::pair<std::string, std::string>>& labels) const;
};

// The analysis of one condition.
struct ConditionAnalysis {
  std::vector<MetricReference> metrics;  // each distinct name once, first occurrence
  // Non-empty when the whole condition is `c1 or c2 or ...` of simple comparisons.
  std::vector<SimpleComparison> alternatives;
  // True when each result series keeps the labels of the input series it came
  // from: no aggregation, no vector matching, no label-changing function.
  bool keeps_series_labels = false;
  std::string error;  // a lexing problem, with error_offset
  size_t error_offset = 0;

  bool derivable() const { return !alternatives.empty(); }
};

ConditionAnalysis analyze_condition(const std::string& expression);

// A series selector with equality matchers only, as promtool input series are
// written: `metric{label="value",...}`.
struct SeriesSelector {
  std::string metric;
  std::vector<std::pair<std::string, std::string>> labels;
};

// Parses a whole string as a SeriesSelector; nullopt when it is anything else.
std::optional<SeriesSelector> parse_series_selector(const std::string& text);

}  // namespace symptree
