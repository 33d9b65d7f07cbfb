// PromQL tokenizer.
#include "generator/promql/lexer.h"

#include <cctype>
#include <set>

namespace symptree {
namespace {

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
bool is_identifier_char(char c) { return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Lexes a number or a duration ("5m", "1h30m") starting at pos.
Token lex_number(const std::string& s, size_t& pos) {
  size_t start = pos;
  if (s.compare(pos, 2, "0x") == 0 || s.compare(pos, 2, "0X") == 0) {
    pos += 2;
    while (pos < s.size() && std::isxdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    return {TokenKind::Number, s.substr(start, pos - start), start};
  }
  while (pos < s.size() && (is_digit(s[pos]) || s[pos] == '.')) ++pos;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    size_t exponent = pos + 1;
    if (exponent < s.size() && (s[exponent] == '+' || s[exponent] == '-')) ++exponent;
    if (exponent < s.size() && is_digit(s[exponent])) {
      pos = exponent;
      while (pos < s.size() && is_digit(s[pos])) ++pos;
      return {TokenKind::Number, s.substr(start, pos - start), start};
    }
  }
  if (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) {
    while (pos < s.size() && (std::isalnum(static_cast<unsigned char>(s[pos])))) ++pos;
    return {TokenKind::Duration, s.substr(start, pos - start), start};
  }
  return {TokenKind::Number, s.substr(start, pos - start), start};
}

// Lexes a quoted string; returns false when it is not closed.
bool lex_string(const std::string& s, size_t& pos) {
  char quote = s[pos++];
  while (pos < s.size() && s[pos] != quote) {
    if (s[pos] == '\\' && quote != '`') ++pos;
    ++pos;
  }
  if (pos >= s.size()) return false;
  ++pos;
  return true;
}

const char* const kTwoCharOperators[] = {"==", "!=", ">=", "<=", "=~", "!~"};

}  // namespace

bool is_comparison_operator(const std::string& op) {
  return op == "==" || op == "!=" || op == ">" || op == "<" || op == ">=" || op == "<=";
}

std::string lowercase_word(const std::string& word) {
  std::string lower = word;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string flipped_comparison(const std::string& op) {
  if (op == ">") return "<";
  if (op == "<") return ">";
  if (op == ">=") return "<=";
  if (op == "<=") return ">=";
  return op;
}

bool is_promql_keyword(const std::string& word) {
  static const std::set<std::string> keywords = {"and",        "or",          "unless", "by",  "without", "on",
                                                 "ignoring",   "group_left",  "group_right", "bool", "offset",
                                                 "inf",        "nan",         "start", "end",
                                                 "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
                                                 "count_values", "bottomk", "topk", "quantile"};
  return keywords.count(lowercase_word(word)) > 0;
}

bool takes_label_list(const std::string& word) {
  std::string w = lowercase_word(word);
  return w == "by" || w == "without" || w == "on" || w == "ignoring" || w == "group_left" || w == "group_right";
}

LexResult lex_promql(const std::string& s) {
  LexResult result;
  size_t pos = 0;
  while (pos < s.size()) {
    char c = s[pos];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++pos;
    } else if (c == '#') {
      while (pos < s.size() && s[pos] != '\n') ++pos;
    } else if (is_digit(c) || (c == '.' && pos + 1 < s.size() && is_digit(s[pos + 1]))) {
      result.tokens.push_back(lex_number(s, pos));
    } else if (is_identifier_start(c)) {
      size_t start = pos;
      while (pos < s.size() && is_identifier_char(s[pos])) ++pos;
      result.tokens.push_back({TokenKind::Identifier, s.substr(start, pos - start), start});
    } else if (c == '"' || c == '\'' || c == '`') {
      size_t start = pos;
      if (!lex_string(s, pos)) {
        result.error = "unterminated string";
        result.error_offset = start;
        return result;
      }
      result.tokens.push_back({TokenKind::String, s.substr(start, pos - start), start});
    } else if (std::string("(){}[],@").find(c) != std::string::npos) {
      result.tokens.push_back({TokenKind::Punct, std::string(1, c), pos++});
    } else {
      std::string op;
      for (const char* two : kTwoCharOperators) {
        if (s.compare(pos, 2, two) == 0) op = two;
      }
      if (op.empty() && std::string("+-*/%^<>=").find(c) != std::string::npos) op = std::string(1, c);
      if (op.empty()) {
        result.error = std::string("unexpected character '") + c + "'";
        result.error_offset = pos;
        return result;
      }
      result.tokens.push_back({TokenKind::Operator, op, pos});
      pos += op.size();
    }
  }
  result.tokens.push_back({TokenKind::End, "", s.size()});
  return result;
}

}  // namespace symptree
