// The Grafana unit of a PromQL expression's values, read off its syntax tree:
// a metric's own unit from its name (…_bytes, …_seconds, …_ratio, 0/1 gauges),
// carried through functions, aggregations and arithmetic: a ratio of like
// quantities is percentunit, a difference of timestamps (`x - time()`) is s,
// a rate of a counter is its unit per second (Bps, cps).
#pragma once

#include <string>

#include "generator/promql/ast.h"

namespace symptree {

// Grafana unit id of `expr`'s values: "bytes", "Bps", "s", "percentunit",
// "percent", "dateTimeAsIso", "celsius", "bool", "cps" or "short".
std::string expression_unit(const promql::Node& expr);

// The same for expression text; "short" when it does not parse.
std::string grafana_unit(const std::string& expression);

}  // namespace symptree
