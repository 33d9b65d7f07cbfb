// A small PromQL tokenizer: enough to find the metrics a condition reads and to
// recognise simple comparisons. Full parsing is left to promtool.
#pragma once

#include <string>
#include <vector>

namespace symptree {

enum class TokenKind { Identifier, Number, Duration, String, Operator, Punct, End };

// One token with its byte offset in the expression.
struct Token {
  TokenKind kind;
  std::string text;
  size_t offset;
};

// Result of lexing: tokens (ending in End) or the offset of the first bad character.
struct LexResult {
  std::vector<Token> tokens;
  std::string error;
  size_t error_offset = 0;
  bool ok() const { return error.empty(); }
};

LexResult lex_promql(const std::string& expression);

bool is_comparison_operator(const std::string& op);

// The comparison read the other way round: `5 < x` is `x > 5` (== and != stay).
std::string flipped_comparison(const std::string& op);

// `word` in lower case: PromQL's keywords are case-insensitive (`AND ON`, `SUM BY`).
std::string lowercase_word(const std::string& word);

// Words that are never metric names, in any case: keywords, modifiers and
// aggregations (which may be followed by `by (...)` before their parentheses).
bool is_promql_keyword(const std::string& word);

// Modifiers followed by a parenthesised list of label names, in any case: by,
// without, on, ignoring, group_left, group_right.
bool takes_label_list(const std::string& word);

}  // namespace symptree
