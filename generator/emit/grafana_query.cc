// Splitting a condition into panel queries and thresholds, adding the
// dashboard's variable filters to selectors, and choosing units.
#include "generator/emit/grafana_query.h"

#include "generator/emit/panel_unit.h"
#include "generator/promql/condition.h"
#include "generator/promql/lexer.h"
#include "generator/promql/parser.h"

namespace symptree {
namespace {

// Tokens [begin, end) of an expression.
struct TokenRange {
  size_t begin;
  size_t end;
};

bool is_open(const Token& t) { return t.kind == TokenKind::Punct && (t.text == "(" || t.text == "{" || t.text == "["); }
bool is_close(const Token& t) { return t.kind == TokenKind::Punct && (t.text == ")" || t.text == "}" || t.text == "]"); }

// Index of the bracket closing the one at `open` (the End token when unbalanced).
size_t matching_close(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i + 1 < tokens.size(); ++i) {
    if (is_open(tokens[i])) ++depth;
    if (is_close(tokens[i]) && --depth == 0) return i;
  }
  return tokens.size() - 1;
}

// Index past a modifier with an optional label list at `i` (`on (host)`, `group_left`).
size_t skip_modifier(const std::vector<Token>& tokens, size_t i) {
  if (tokens[i].kind != TokenKind::Identifier || !takes_label_list(tokens[i].text)) return i;
  return tokens[i + 1].text == "(" ? matching_close(tokens, i + 1) + 1 : i + 1;
}

std::string trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\n");
  size_t last = text.find_last_not_of(" \t\n");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

// Removes parentheses that enclose the whole text.
std::string strip_parens(std::string text) {
  while (text.size() > 2 && text.front() == '(') {
    LexResult lexed = lex_promql(text);
    if (!lexed.ok() || matching_close(lexed.tokens, 0) != lexed.tokens.size() - 2) break;
    text = trim(text.substr(1, text.size() - 2));
  }
  return text;
}

std::string text_of(const std::string& expr, const std::vector<Token>& tokens, TokenRange range) {
  if (range.begin >= range.end) return "";
  const Token& last = tokens[range.end - 1];
  return strip_parens(trim(expr.substr(tokens[range.begin].offset,
                                       last.offset + last.text.size() - tokens[range.begin].offset)));
}

bool is_set_operator(const std::string& word) {
  std::string w = lowercase_word(word);
  return w == "or" || w == "and" || w == "unless";
}

// The parts between top-level set operators (and their `on (...)`).
std::vector<TokenRange> top_level_parts(const std::vector<Token>& tokens) {
  std::vector<TokenRange> parts;
  size_t start = 0;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (is_open(t)) {
      i = matching_close(tokens, i);
    } else if (t.kind == TokenKind::Identifier && is_set_operator(t.text)) {
      parts.push_back({start, i});
      start = skip_modifier(tokens, i + 1);
      i = start - 1;
    }
  }
  parts.push_back({start, tokens.size() - 1});
  return parts;
}

// The first top-level comparison operator in `range`, or range.end.
size_t find_comparison(const std::vector<Token>& tokens, TokenRange range) {
  for (size_t i = range.begin; i < range.end; ++i) {
    if (is_open(tokens[i])) i = matching_close(tokens, i);
    else if (tokens[i].kind == TokenKind::Operator && is_comparison_operator(tokens[i].text)) return i;
  }
  return range.end;
}

// "0.95" or "-3" when the range is just a (signed) number literal, else "".
std::string literal_text(const std::vector<Token>& tokens, TokenRange range) {
  size_t i = range.begin;
  std::string sign;
  if (i < range.end && tokens[i].kind == TokenKind::Operator && (tokens[i].text == "-" || tokens[i].text == "+")) {
    sign = tokens[i++].text == "-" ? "-" : "";
  }
  if (i + 1 != range.end || tokens[i].kind != TokenKind::Number) return "";
  return sign + tokens[i].text;
}

// "0.95" or "-3" when the range is just a (signed) number, "93600" for a
// constant expression such as `26 * 3600` (its exact value), else "".
std::string number_text(const std::string& expr, const std::vector<Token>& tokens, TokenRange range) {
  if (range.begin >= range.end) return "";
  if (std::string literal = literal_text(tokens, range); !literal.empty()) return literal;
  std::string text = text_of(expr, tokens, range);
  promql::ParseResult parsed = promql::parse_promql(text);
  if (!parsed.ok()) return "";
  std::optional<ConstantThreshold> constant = constant_threshold(*parsed.expr, text);
  return constant ? constant->value.to_string() : "";
}

PanelSignal make_signal(const std::string& query, const std::string& op, const std::string& threshold,
                        const std::string& filters, bool reference = false) {
  return {add_selector_filters(query, filters), op, threshold, grafana_unit(query), reference};
}

// A part's signals: its comparison's series side with the number, both sides of
// a comparison between series, or the part itself.
void add_part_signals(const std::string& expr, const std::vector<Token>& tokens, TokenRange part,
                      const std::string& filters, std::vector<PanelSignal>& signals) {
  size_t op = find_comparison(tokens, part);
  if (op == part.end) {
    signals.push_back(make_signal(text_of(expr, tokens, part), "", "", filters));
    return;
  }
  size_t rhs = op + 1;
  if (tokens[rhs].kind == TokenKind::Identifier && lowercase_word(tokens[rhs].text) == "bool") ++rhs;
  rhs = skip_modifier(tokens, skip_modifier(tokens, rhs));  // on (...) group_left (...)
  TokenRange left{part.begin, op}, right{rhs, part.end};
  const std::string& comparison = tokens[op].text;
  if (std::string number = number_text(expr, tokens, right); !number.empty()) {
    signals.push_back(make_signal(text_of(expr, tokens, left), comparison, number, filters));
  } else if (std::string number = number_text(expr, tokens, left); !number.empty()) {
    signals.push_back(make_signal(text_of(expr, tokens, right), flipped_comparison(comparison), number, filters));
  } else {
    signals.push_back(make_signal(text_of(expr, tokens, left), comparison, "", filters));
    signals.push_back(make_signal(text_of(expr, tokens, right), "", "", filters, true));
  }
}

// True for a token naming a metric: an identifier that is neither a keyword
// nor a function (followed by a parenthesis).
bool is_metric_name(const std::vector<Token>& tokens, size_t i) {
  return tokens[i].kind == TokenKind::Identifier && !is_promql_keyword(tokens[i].text) && tokens[i + 1].text != "(";
}

}  // namespace

std::vector<PanelSignal> panel_signals(const std::string& condition, const std::string& filters) {
  LexResult lexed = lex_promql(condition);
  if (!lexed.ok()) return {{trim(condition), "", "", "short", false}};
  std::vector<PanelSignal> signals;
  for (TokenRange part : top_level_parts(lexed.tokens)) add_part_signals(condition, lexed.tokens, part, filters, signals);
  return signals;
}

std::string add_selector_filters(const std::string& expression, const std::string& filters) {
  LexResult lexed = lex_promql(expression);
  if (!lexed.ok()) return expression;
  const std::vector<Token>& tokens = lexed.tokens;
  std::string out;
  size_t copied = 0;
  auto insert_at = [&](size_t offset, const std::string& text) {
    out.append(expression, copied, offset - copied);
    out += text;
    copied = offset;
  };
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.text == "{") {
      insert_at(t.offset + 1, tokens[i + 1].text == "}" ? filters : filters + ", ");
      i = matching_close(tokens, i);
    } else if (t.text == "[") {
      i = matching_close(tokens, i);
    } else if (t.kind == TokenKind::Identifier && takes_label_list(t.text)) {
      i = skip_modifier(tokens, i) - 1;
    } else if (is_metric_name(tokens, i) && tokens[i + 1].text != "{") {
      insert_at(t.offset + t.text.size(), "{" + filters + "}");
    }
  }
  out.append(expression, copied, std::string::npos);
  return out;
}

}  // namespace symptree
