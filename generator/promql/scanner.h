// The PromQL lexer of Prometheus 2.42 (promql/parser/lex.go), rewritten: the
// same tokens, the same states (inside braces, inside brackets) and the same
// errors, so that what it refuses is what Prometheus refuses.
#pragma once

#include <string>
#include <vector>

namespace symptree::promql {

enum class Tok {
  End, Error, Comma, Colon, LeftParen, RightParen, LeftBrace, RightBrace, LeftBracket, RightBracket,
  Assign,  // '=' (only valid inside braces)
  Identifier, MetricIdentifier, Number, Duration, String,
  // Operators.
  Add, Sub, Mul, Div, Mod, Pow, Eqlc, Neq, Lss, Lte, Gtr, Gte, EqlRegex, NeqRegex, At, And, Or, Unless, Atan2,
  // Aggregations.
  Avg, Bottomk, Count, CountValues, Group, Max, Min, Quantile, Stddev, Stdvar, Sum, Topk,
  // Keywords.
  Bool, By, GroupLeft, GroupRight, Ignoring, Offset, On, Without, Start, EndKw,
};

// One token: its kind, the text as written (for Error: the message) and its byte offset.
struct Token {
  Tok kind;
  std::string text;
  size_t pos;
  size_t end() const { return pos + text.size(); }
};

// The tokens of `input`, comments left out, ending in End or (at the first bad
// character) in one Error token whose text is the message and pos its offset.
std::vector<Token> scan(const std::string& input);

// How a token is named in "unexpected ..." messages: `"foo"`, `<op:+>`, `<aggr:sum>`,
// `<by>`, `number "1"`, `end of input`.
std::string describe(const Token& token);

bool is_aggregation(Tok kind);
// Keywords that may name a label inside by (...), on (...) and group_x (...).
bool may_be_label(Tok kind);
// Keywords that may name a metric where an expression starts (`sum`, `offset`, `by`...).
bool may_be_metric_name(Tok kind);
// PromQL label name syntax: [a-zA-Z_][a-zA-Z0-9_]*.
bool is_label_name(const std::string& text);

}  // namespace symptree::promql
