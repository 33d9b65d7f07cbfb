// Tests for generator/promql/parser: tree shapes, precedence, positions and
// Prometheus's error messages.
#include "generator/promql/parser.h"

#include <doctest/doctest.h>

#include <cmath>

#include "generator/promql/functions.h"

using namespace symptree::promql;

namespace {

std::string tree(const std::string& text) {
  ParseResult r = parse_promql(text);
  REQUIRE_MESSAGE(r.ok(), text << ": " << (r.errors.empty() ? "" : r.errors.front().message));
  return dump(*r.expr);
}

ParseError first_error(const std::string& text) {
  ParseResult r = parse_promql(text);
  REQUIRE_MESSAGE(!r.errors.empty(), text << " was accepted");
  return r.errors.front();
}

}  // namespace

TEST_CASE("binary operators bind as Prometheus's grammar says") {
  CHECK(tree("a + b * c") == "(+ (sel a) (* (sel b) (sel c)))");
  CHECK(tree("a * b + c") == "(+ (* (sel a) (sel b)) (sel c))");
  CHECK(tree("a - b - c") == "(- (- (sel a) (sel b)) (sel c))");
  CHECK(tree("a ^ b ^ c") == "(^ (sel a) (^ (sel b) (sel c)))");
  CHECK(tree("a or b and c unless d") == "(or (sel a) (unless (and (sel b) (sel c)) (sel d)))");
  CHECK(tree("a > b + 1") == "(> (sel a) (+ (sel b) 1))");
  CHECK(tree("a and b > 1") == "(and (sel a) (> (sel b) 1))");
  CHECK(tree("a atan2 b * c") == "(* (atan2 (sel a) (sel b)) (sel c))");
}

TEST_CASE("unary minus binds like multiplication, below ^") {
  CHECK(tree("-a ^ b") == "(- (^ (sel a) (sel b)))");
  CHECK(tree("-a * b") == "(* (- (sel a)) (sel b))");
  CHECK(tree("a ^ -b") == "(^ (sel a) (- (sel b)))");
  CHECK(tree("-1") == "-1");
  CHECK(tree("- - 1") == "1");
  CHECK(tree("-(1)") == "(- (paren 1))");
}

TEST_CASE("keywords are case-insensitive and name metrics where no keyword fits") {
  CHECK(tree("SUM BY (a) (x)") == "(sum by(a) (sel x))");
  CHECK(tree("sum(x) Without (a)") == "(sum without(a) (sel x))");
  CHECK(tree("x * ON (a) GROUP_LEFT (b) y") == "(* on(a) group_left(b) (sel x) (sel y))");
  CHECK(tree("x OFFSET 5m") == "(sel x offset 5m)");
  CHECK(tree("sum") == "(sel sum)");
  CHECK(tree("foo and and") == "(and (sel foo) (sel and))");
  CHECK(tree("offset offset 5m") == "(sel offset offset 5m)");
  CHECK(tree("sum by (on, bool, offset) (x)") == "(sum by(on,bool,offset) (sel x))");
}

TEST_CASE("aggregations, parameters and functions") {
  CHECK(tree("topk(3, x)") == "(topk 3 (sel x))");
  CHECK(tree("count_values(\"v\", x) by (a)") == "(count_values by(a) \"v\" (sel x))");
  CHECK(tree("quantile without () (0.9, x)") == "(quantile without() 0.9 (sel x))");
  CHECK(tree("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))") ==
        "(call histogram_quantile 0.99 (sum by(le) (call rate (matrix (sel x_bucket) 5m))))");
  CHECK(tree("label_join(x, \"d\", \",\", \"a\", \"b\", \"c\")") == "(call label_join (sel x) \"d\" \",\" \"a\" \"b\" \"c\")");
  CHECK(tree("round(x)") == "(call round (sel x))");
  CHECK(tree("time()") == "(call time)");
}

TEST_CASE("selectors, ranges, subqueries, offset and @") {
  CHECK(tree("x{a=\"b\",c!=\"\",d=~'e.*',f!~`g`,}") == "(sel x a=\"b\" c!=\"\" d=~\"e.*\" f!~\"g\")");
  CHECK(tree("x[1h30m] offset -5m") == "(matrix (sel x offset -5m) 1h30m)");
  CHECK(tree("x @ start()") == "(sel x @ start())");
  CHECK(tree("x @ 1609746000 offset 1h") == "(sel x offset 1h @ 1.60975e+09)");
  CHECK(tree("rate(x[5m])[30m:1m] @ end()") == "(subquery (call rate (matrix (sel x) 5m)) 30m:1m @ end())");
  CHECK(tree("x[5m:]") == "(subquery (sel x) 5m:)");
  CHECK(tree("x[5m s]") == "(subquery (sel x) 5m:)");  // Prometheus reads a letter in brackets as the colon
  CHECK(tree("{__name__=~\"x|y\"}") == "(sel _ __name__=~\"x|y\")");
}

TEST_CASE("literals in every spelling") {
  ParseResult r = parse_promql("0x1F");
  REQUIRE(r.ok());
  CHECK(r.expr->number == 31);
  CHECK(parse_promql("017").expr->number == 15);
  CHECK(parse_promql("08").expr->number == 8);
  CHECK(parse_promql("2.5e-3").expr->number == doctest::Approx(0.0025));
  CHECK(std::isinf(parse_promql("-Inf").expr->number));
  CHECK(std::isnan(parse_promql("NaN").expr->number));
  CHECK(parse_promql("\"a\\tb\\u00e9\\x41\\101\"").expr->text == "a\tb\xc3\xa9" "AA");
  CHECK(parse_promql("`a\\n`").expr->text == "a\\n");
  CHECK(parse_promql("'\\''").expr->text == "'");
  CHECK(parse_promql("x # a comment\n + y").ok());
}

TEST_CASE("every node keeps its byte range") {
  std::string text = "sum by (host) (rate(x{a=\"b\"}[5m])) > 26 * 3600";
  ParseResult r = parse_promql(text);
  REQUIRE(r.ok());
  const Node& cmp = *r.expr;
  CHECK(cmp.pos.start == 0);
  CHECK(cmp.pos.end == text.size());
  CHECK(text.substr(cmp.op_pos.start, cmp.op_pos.end - cmp.op_pos.start) == ">");
  const Node& sum = cmp.child(0);
  CHECK(text.substr(sum.grouping_pos.start, sum.grouping_pos.end - sum.grouping_pos.start) == "by (host)");
  const Node& rate = sum.aggregated();
  CHECK(text.substr(rate.pos.start, rate.pos.end - rate.pos.start) == "rate(x{a=\"b\"}[5m])");
  const Node& matrix = rate.child(0);
  CHECK(text.substr(matrix.range_pos.start, matrix.range_pos.end - matrix.range_pos.start) == "[5m]");
  const Matcher& m = matrix.child(0).matchers.at(0);
  CHECK(text.substr(m.pos.start, m.pos.end - m.pos.start) == "a=\"b\"");
  const Node& product = cmp.child(1);
  CHECK(text.substr(product.pos.start, product.pos.end - product.pos.start) == "26 * 3600");
  CHECK(parse_promql("-1").expr->pos.start == 0);
}

TEST_CASE("syntax errors are Prometheus's, at the offending token") {
  CHECK(first_error("sum(x > 1000").message == "unclosed left parenthesis");
  ParseError e = first_error("x +");
  CHECK(e.message == "unexpected end of input");
  e = first_error("sum by a (x)");
  CHECK(e.message == "unexpected identifier \"a\" in grouping opts, expected \"(\"");
  CHECK(e.pos.start == 7);
  CHECK(first_error("x[5m:1]").message == "unexpected number \"1\" in subquery selector, expected duration or \"]\"");
  CHECK(first_error("x{a=b}").message == "unexpected identifier \"b\" in label matching, expected string");
  CHECK(first_error("on").message == "unexpected <on>");
  CHECK(first_error("").message == "no expression found in input");
  CHECK(first_error("1_000").message == "bad number or duration syntax: \"1\"");
  CHECK(first_error("\"\\q\"").message == "unknown escape sequence U+0071 'q'");
  CHECK(first_error("x[1.5m]").message == "not a valid duration string: \"1.5m\"");
  CHECK(first_error("x offset 0s").message == "duration must be greater than 0");
  CHECK(first_error("1e999").message ==
        "error parsing number: strconv.ParseFloat: parsing \"1e999\": value out of range");
  CHECK(first_error("nope(x)").message == "unknown function with name \"nope\"");
  CHECK(first_error("rate(x[5m],)").message == "trailing commas not allowed in function call args");
}

TEST_CASE("type errors are Prometheus's") {
  CHECK(first_error("1 > 2").message == "comparisons between scalars must use BOOL modifier");
  CHECK(parse_promql("1 > bool 2").ok());
  CHECK(first_error("x + bool y").message == "bool modifier can only be used on comparison operators");
  CHECK(first_error("x and 1").message == "set operator \"and\" not allowed in binary scalar expression");
  CHECK(first_error("rate(x)").message == "expected type range vector in call to function \"rate\", got instant vector");
  CHECK(first_error("sum(x[5m])").message == "expected type instant vector in aggregation expression, got range vector");
  CHECK(first_error("topk(x, 3)").message == "expected type instant vector in aggregation expression, got scalar");
  CHECK(first_error("topk(y, x)").message == "expected type scalar in aggregation parameter, got instant vector");
  CHECK(first_error("clamp(x, 0)").message == "expected 3 argument(s) in call to \"clamp\", got 2");
  CHECK(first_error("round(x, 1, 2)").message == "expected at most 2 argument(s) in call to \"round\", got 3");
  CHECK(first_error("label_join(x, \"d\")").message == "expected at least 3 argument(s) in call to \"label_join\", got 2");
  CHECK(first_error("{a=~\".*\"}").message == "vector selector must contain at least one non-empty matcher");
  CHECK(first_error("x{__name__=\"y\"}").message == "metric name must not be set twice: \"x\" or \"y\"");
  CHECK(first_error("(x)[5m]").message == "ranges only allowed for vector selectors");
  CHECK(first_error("x and on (a) group_left y").message == "no grouping allowed for \"and\" operation");
  CHECK(first_error("x * on (a) group_left (a) y").message == "label \"a\" must not occur in ON and GROUP clause at once");
  CHECK(first_error("1 * on (a) x").message == "vector matching only allowed between instant vectors");
  CHECK(first_error("x offset 5m offset 1m").message == "offset may not be set multiple times");
  CHECK(first_error("sum(x) offset 5m").message ==
        "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  CHECK(first_error("x{a=~\"a**\"}").message == "error parsing regexp: invalid nested repetition operator: `**`");
}

TEST_CASE("line and column of an offset") {
  std::string text = "x +\n  y{";
  LineColumn lc = line_column(text, 7);
  CHECK(lc.line == 2);
  CHECK(lc.column == 4);
}

TEST_CASE("the function table has Prometheus 2.42's functions") {
  CHECK(find_function("rate")->arg_types == std::vector<ValueType>{ValueType::Matrix});
  CHECK(find_function("label_join")->variadic == -1);
  CHECK(find_function("sort_by_label") == nullptr);  // 2.49+
  CHECK(all_functions().size() == 70);
}

TEST_CASE("absurd nesting is refused, not a crash") {
  std::string deep(100000, '(');
  deep += "1";
  deep += std::string(100000, ')');
  CHECK(first_error(deep).message == "expression nests too deeply (more than 256 levels)");
  std::string signs(100000, '-');
  CHECK(first_error(signs + "1").message == "expression nests too deeply (more than 256 levels)");
  std::string calls;
  for (int i = 0; i < 100000; ++i) calls += "abs(";
  CHECK(first_error(calls + "x").message == "expression nests too deeply (more than 256 levels)");
  // The limit is exact: 255 parentheses (256 levels with the outermost expression) parse, one more does not.
  CHECK(parse_promql(std::string(255, '(') + "1" + std::string(255, ')')).ok());
  CHECK(first_error(std::string(256, '(') + "1" + std::string(256, ')')).message ==
        "expression nests too deeply (more than 256 levels)");
}

TEST_CASE("walk visits every node, parents first") {
  ParseResult r = parse_promql("sum(rate(x[5m])) / on (a) y");
  REQUIRE(r.ok());
  std::vector<std::string> selectors;
  size_t nodes = 0;
  walk(*r.expr, [&](const Node& n) {
    ++nodes;
    if (n.kind == NodeKind::VectorSelector) selectors.push_back(n.metric);
  });
  CHECK(nodes == 6);
  CHECK(selectors == std::vector<std::string>{"x", "y"});
}
