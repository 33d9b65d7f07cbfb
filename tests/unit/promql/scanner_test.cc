// Tests for generator/promql/scanner: Prometheus's tokens, states and lexer errors.
#include "generator/promql/scanner.h"

#include <doctest/doctest.h>

using namespace symptree::promql;

namespace {

std::string kinds(const std::string& text) {
  std::string out;
  for (const Token& t : scan(text)) {
    out += out.empty() ? "" : " ";
    out += t.kind == Tok::Error ? "ERROR(" + t.text + ")" : describe(t);
  }
  return out;
}

}  // namespace

TEST_CASE("keywords are case-insensitive outside braces and plain identifiers inside") {
  CHECK(kinds("SUM By on") == "<aggr:SUM> <By> <on> end of input");
  CHECK(kinds("x{by=\"a\"}") ==
        "identifier \"x\" \"{\" identifier \"by\" \"=\" string \"a\" \"}\" end of input");
  CHECK(kinds("Inf nan") == "number \"Inf\" number \"nan\" end of input");
  CHECK(kinds("job:rate5m :x") == "metric identifier \"job:rate5m\" metric identifier \":x\" end of input");
  CHECK(kinds("a ATAN2 b") == "identifier \"a\" <op:ATAN2> identifier \"b\" end of input");
}

TEST_CASE("numbers and durations") {
  CHECK(kinds("0x1F 1e3 .5 5m 1h30m") ==
        "number \"0x1F\" number \"1e3\" number \".5\" duration \"5m\" duration \"1h30m\" end of input");
  CHECK(kinds("1_000") == "ERROR(bad number or duration syntax: \"1\")");
  CHECK(kinds("x[5]") == "identifier \"x\" \"[\" ERROR(missing unit character in duration)");
  // Inside brackets Prometheus reads any letter as the subquery colon.
  CHECK(kinds("x[5m s]") == "identifier \"x\" \"[\" duration \"5m\" \"s\" \"]\" end of input");
  CHECK(scan("x[5m s]")[3].kind == Tok::Colon);
}

TEST_CASE("strings, comments and positions") {
  std::vector<Token> t = scan("a # c\n + 'x\\'y'");
  REQUIRE(t.size() == 4);
  CHECK(t[1].kind == Tok::Add);
  CHECK(t[1].pos == 7);
  CHECK(t[2].text == "'x\\'y'");
  CHECK(kinds("\"a\nb\"") == "ERROR(unterminated quoted string)");
  CHECK(kinds("`a\nb`") == "string `a\nb` end of input");
  CHECK(kinds("\"\\xZZ\"") == "ERROR(illegal character U+005A 'Z' in escape sequence)");
  CHECK(kinds("\"\\ud800\"") == "ERROR(escape sequence is an invalid Unicode code point)");
  CHECK(kinds("\"\xff\"") == "ERROR(invalid UTF-8 rune)");
}

TEST_CASE("unbalanced brackets are lexer errors") {
  CHECK(kinds("(a") == "\"(\" identifier \"a\" ERROR(unclosed left parenthesis)");
  CHECK(kinds("a)") == "identifier \"a\" ERROR(unexpected right parenthesis ')')");
  CHECK(kinds("a]") == "identifier \"a\" ERROR(unexpected right bracket ']')");
  CHECK(kinds("{a") == "\"{\" identifier \"a\" ERROR(unexpected end of input inside braces)");
  CHECK(kinds("a =~ b") == "identifier \"a\" ERROR(unexpected character after '=': '~')");
}

TEST_CASE("label and metric name positions of keywords") {
  CHECK(may_be_label(Tok::On));
  CHECK(may_be_label(Tok::Atan2));
  CHECK(!may_be_label(Tok::Without));
  CHECK(may_be_metric_name(Tok::Offset));
  CHECK(!may_be_metric_name(Tok::On));
  CHECK(is_label_name("_a1"));
  CHECK(!is_label_name("a:b"));
  CHECK(!is_label_name("1a"));
}
