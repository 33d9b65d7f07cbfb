// Tests for promql/lexer: tokens with their kinds and byte offsets, numbers
// told from durations, strings in all three quotes, and the first bad
// character's offset.
#include "generator/promql/lexer.h"

#include <doctest/doctest.h>

using namespace symptree;

namespace {

// "Kind:text" of each token but End, for compact comparisons.
std::vector<std::string> kinds_and_texts(const LexResult& result) {
  static const char* const names[] = {"Identifier", "Number", "Duration", "String", "Operator", "Punct", "End"};
  std::vector<std::string> out;
  for (const Token& token : result.tokens) {
    if (token.kind != TokenKind::End) out.push_back(std::string(names[static_cast<int>(token.kind)]) + ":" + token.text);
  }
  return out;
}

}  // namespace

TEST_CASE("a condition's tokens, each with its offset") {
  LexResult result = lex_promql("sum by (host) (rate(errors_total{code=~\"5..\"}[5m])) >= 0.5");
  REQUIRE(result.ok());
  CHECK(kinds_and_texts(result) ==
        std::vector<std::string>{"Identifier:sum", "Identifier:by", "Punct:(", "Identifier:host", "Punct:)", "Punct:(",
                                 "Identifier:rate", "Punct:(", "Identifier:errors_total", "Punct:{", "Identifier:code",
                                 "Operator:=~", "String:\"5..\"", "Punct:}", "Punct:[", "Duration:5m", "Punct:]",
                                 "Punct:)", "Punct:)", "Operator:>=", "Number:0.5"});
  CHECK(result.tokens[8].offset == 20);  // errors_total
  CHECK(result.tokens.back().kind == TokenKind::End);
  CHECK(result.tokens.back().offset == 58);  // the end of the text
}

TEST_CASE("numbers and durations") {
  CHECK(kinds_and_texts(lex_promql("1h30m 90s 1e3 0x1F 42 .5")) ==
        std::vector<std::string>{"Duration:1h30m", "Duration:90s", "Number:1e3", "Number:0x1F", "Number:42", "Number:.5"});
}

TEST_CASE("strings in single, double and back quotes, a colon in a metric name") {
  CHECK(kinds_and_texts(lex_promql("job:errors:rate5m{a='x', b=`y`} != 1")) ==
        std::vector<std::string>{"Identifier:job:errors:rate5m", "Punct:{", "Identifier:a", "Operator:=", "String:'x'",
                                 "Punct:,", "Identifier:b", "Operator:=", "String:`y`", "Punct:}", "Operator:!=",
                                 "Number:1"});
}

TEST_CASE("the first bad character or unterminated string is reported at its offset") {
  LexResult unterminated = lex_promql("up{job=\"a} == 0");
  CHECK_FALSE(unterminated.ok());
  CHECK(unterminated.error == "unterminated string");
  CHECK(unterminated.error_offset == 7);
  LexResult bad = lex_promql("up == 0 ; x");
  CHECK(bad.error == "unexpected character ';'");
  CHECK(bad.error_offset == 8);
}

TEST_CASE("comparison operators, keywords and label-list modifiers") {
  for (const char* op : {"==", "!=", ">", "<", ">=", "<="}) CHECK(is_comparison_operator(op));
  for (const char* op : {"=~", "!~", "+", "="}) CHECK_FALSE(is_comparison_operator(op));
  for (const char* word : {"sum", "by", "without", "offset", "topk", "bool"}) CHECK(is_promql_keyword(word));
  for (const char* word : {"rate", "up", "errors_total"}) CHECK_FALSE(is_promql_keyword(word));
  for (const char* word : {"by", "without", "on", "ignoring", "group_left", "group_right"}) CHECK(takes_label_list(word));
  CHECK_FALSE(takes_label_list("sum"));
}
