// The PromQL parser: text -> syntax tree (ast.h), checked as Prometheus 2.42
// checks it (types, arity, selectors, regexes), with every error at a byte offset.
//
//   ParseResult r = parse_promql("sum by (host) (rate(x[5m])) > 26 * 3600");
//   if (!r.ok()) report(r.errors.front().pos.start, r.errors.front().message);
//   else use(*r.expr);
#pragma once

#include <string>
#include <vector>

#include "generator/promql/ast.h"

namespace symptree::promql {

// One error: Prometheus's wording, at a byte range of the expression.
struct ParseError {
  std::string message;
  Range pos;
};

struct ParseResult {
  NodePtr expr;  // null on a syntax error; may be set (but not trusted) when errors is not empty
  std::vector<ParseError> errors;
  bool ok() const { return errors.empty() && expr != nullptr; }
};

// Parses and type-checks one expression (what promtool's rule check does).
ParseResult parse_promql(const std::string& text);

// 1-based line and column of a byte offset, as Prometheus prints them ("1:5").
struct LineColumn {
  size_t line;
  size_t column;
};
LineColumn line_column(const std::string& text, size_t offset);

}  // namespace symptree::promql
