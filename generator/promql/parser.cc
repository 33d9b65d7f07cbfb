// Recursive descent with precedence climbing over the scanner's tokens. It
// accepts what Prometheus 2.42's yacc grammar (generated_parser.y) accepts:
//   or < and, unless < comparisons < + - < * / % atan2 < ^ (right-associative);
//   unary + and - bind like * (so -a ^ b is -(a ^ b));
//   [range], [range:step], offset and @ bind tightest, to the operand before them;
//   aggregation keywords, by, without, and, or, unless, offset, start and end
//   name metrics where an expression starts and no aggregation follows.
// The first syntax error stops parsing; errors Prometheus records and goes on
// from (an unknown function, a bad regex, a second offset) are all kept.
#include "generator/promql/parser.h"

#include <cmath>

#include "generator/promql/functions.h"
#include "generator/promql/literals.h"
#include "generator/promql/operators.h"
#include "generator/promql/regex_syntax.h"
#include "generator/promql/scanner.h"
#include "generator/promql/type_check.h"

namespace symptree::promql {

namespace {

struct StopParsing {};

// Deeper nesting than this is refused rather than risking the stack (Prometheus
// has no limit; no real expression comes near it). A level costs up to three
// frames (primary, expression, operand), about 10 KB under AddressSanitizer,
// whose builds overflow an 8 MB stack near 800 levels: 256 keeps every build
// far from that, and the syntax tree shallow for the passes that walk it.
constexpr int kMaxDepth = 256;

NodePtr make(NodeKind kind, Range pos) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  node->pos = pos;
  return node;
}

Range range_of(const Token& t) { return {t.pos, t.end()}; }

class Parser {
 public:
  explicit Parser(const std::string& text) : tokens_(scan(text)) {}

  ParseResult run() {
    ParseResult result;
    try {
      if (peek().kind == Tok::End) {
        error({0, 0}, "no expression found in input");
        throw StopParsing{};
      }
      result.expr = expression(0);
      if (peek().kind != Tok::End) unexpected("", "");
    } catch (const StopParsing&) {
      result.expr.reset();
    }
    result.errors = std::move(errors_);
    return result;
  }

 private:
  const Token& peek(size_t ahead = 0) const { return tokens_[std::min(next_ + ahead, tokens_.size() - 1)]; }
  const Token& take() {
    const Token& t = peek();
    if (next_ < tokens_.size() - 1) ++next_;
    return t;
  }
  void error(Range pos, std::string message) { errors_.push_back({std::move(message), pos}); }

  // A syntax error at the next token: "unexpected <what> in <context>, expected <expected>".
  [[noreturn]] void unexpected(const std::string& context, const std::string& expected) {
    const Token& t = peek();
    if (t.kind == Tok::Error) {
      error({t.pos, t.pos}, t.text);
      throw StopParsing{};
    }
    std::string message = "unexpected " + describe(t);
    if (!context.empty()) message += " in " + context;
    if (!expected.empty()) message += ", expected " + expected;
    error(range_of(t), message);
    throw StopParsing{};
  }
  const Token& expect(Tok kind, const std::string& context, const std::string& expected) {
    if (peek().kind != kind) unexpected(context, expected);
    return take();
  }

  NodePtr expression(int min_precedence);
  NodePtr operand();
  NodePtr primary();
  NodePtr postfix(NodePtr node);
  void bin_modifiers(Node& binary);
  std::vector<std::string> grouping_labels(Range& pos);
  NodePtr number_literal();
  NodePtr selector();
  void matchers(Node& selector);
  NodePtr call();
  NodePtr aggregate();
  void arguments(Node& node);
  NodePtr range_or_subquery(NodePtr node);
  void offset(Node& node, const Token& keyword);
  void at(Node& node, const Token& keyword);
  TimeModifiers* modifiers_of(Node& node, const char* what, Range pos);

  std::vector<Token> tokens_;
  size_t next_ = 0;
  int depth_ = 0;
  std::vector<ParseError> errors_;
};

NodePtr Parser::expression(int min_precedence) {
  if (++depth_ > kMaxDepth) {
    error(range_of(peek()), "expression nests too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
    throw StopParsing{};
  }
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{depth_};
  NodePtr lhs = operand();
  for (;;) {
    auto op = binary_op_of(peek().kind);
    if (!op || precedence(*op) < min_precedence) return lhs;
    const Token& op_token = take();
    NodePtr binary = make(NodeKind::Binary, lhs->pos);
    binary->binary_op = *op;
    binary->op_text = op_token.text;
    binary->op_pos = range_of(op_token);
    bin_modifiers(*binary);
    int next = *op == BinaryOp::Pow ? precedence(*op) : precedence(*op) + 1;
    NodePtr rhs = expression(next);
    binary->pos.end = rhs->pos.end;
    binary->children.push_back(std::move(lhs));
    binary->children.push_back(std::move(rhs));
    lhs = std::move(binary);
  }
}

// A unary sign binds like `*`: its operand takes only `^` (and postfix modifiers).
NodePtr Parser::operand() {
  if (peek().kind != Tok::Add && peek().kind != Tok::Sub) return postfix(primary());
  const Token& sign = take();
  NodePtr inner = expression(kPowPrecedence);
  if (inner->kind == NodeKind::Number) {
    if (sign.kind == Tok::Sub) {
      inner->number = -inner->number;
      inner->text = inner->text[0] == '-' ? inner->text.substr(1) : "-" + inner->text;
    }
    inner->pos.start = sign.pos;
    return inner;
  }
  NodePtr unary = make(NodeKind::Unary, {sign.pos, inner->pos.end});
  unary->op_text = sign.text;
  unary->children.push_back(std::move(inner));
  return unary;
}

NodePtr Parser::primary() {
  const Token& t = peek();
  switch (t.kind) {
    case Tok::Number: return number_literal();
    case Tok::String: {
      NodePtr node = make(NodeKind::String, range_of(take()));
      node->text = unquote(t.text);
      return node;
    }
    case Tok::LeftParen: {
      take();
      NodePtr inner = expression(0);
      const Token& close = expect(Tok::RightParen, "", "");
      NodePtr paren = make(NodeKind::Paren, {t.pos, close.end()});
      paren->children.push_back(std::move(inner));
      return paren;
    }
    case Tok::LeftBrace: return selector();
    case Tok::Identifier: return peek(1).kind == Tok::LeftParen ? call() : selector();
    default: break;
  }
  if (is_aggregation(t.kind)) {
    Tok after = peek(1).kind;
    return after == Tok::LeftParen || after == Tok::By || after == Tok::Without ? aggregate() : selector();
  }
  if (may_be_metric_name(t.kind)) return selector();
  unexpected("", "");
}

NodePtr Parser::number_literal() {
  const Token& t = take();
  NodePtr node = make(NodeKind::Number, range_of(t));
  NumberValue value = number_value(t.text);
  if (!value.error.empty()) error(range_of(t), value.error);
  node->number = value.value;
  node->text = t.text;
  return node;
}

void Parser::bin_modifiers(Node& binary) {
  VectorMatching matching;
  if (peek().kind == Tok::Bool) {
    take();
    binary.return_bool = true;
  }
  if (peek().kind == Tok::On || peek().kind == Tok::Ignoring) {
    const Token& keyword = take();
    matching.on = keyword.kind == Tok::On;
    matching.has_labels_clause = true;
    matching.labels = grouping_labels(matching.labels_pos);
    matching.labels_pos.start = keyword.pos;
    if (peek().kind == Tok::GroupLeft || peek().kind == Tok::GroupRight) {
      const Token& group = take();
      matching.card = group.kind == Tok::GroupLeft ? Cardinality::ManyToOne : Cardinality::OneToMany;
      matching.group_pos = range_of(group);
      if (peek().kind == Tok::LeftParen) matching.include = grouping_labels(matching.group_pos);
      matching.group_pos.start = group.pos;
    }
  }
  binary.matching = std::move(matching);
}

// `(label, ...)` of by, without, on, ignoring, group_left and group_right; sets pos.end.
std::vector<std::string> Parser::grouping_labels(Range& pos) {
  expect(Tok::LeftParen, "grouping opts", "\"(\"");
  std::vector<std::string> labels;
  while (peek().kind != Tok::RightParen) {
    if (!may_be_label(peek().kind) || !is_label_name(peek().text)) unexpected("grouping opts", "label");
    labels.push_back(take().text);
    if (peek().kind == Tok::Comma) {
      take();
    } else if (peek().kind != Tok::RightParen) {
      unexpected("grouping opts", "\",\" or \")\"");
    }
  }
  pos.end = take().end();
  return labels;
}

NodePtr Parser::selector() {
  NodePtr node = make(NodeKind::VectorSelector, {peek().pos, peek().end()});
  if (peek().kind != Tok::LeftBrace) {
    const Token& name = take();
    node->metric = name.text;
    node->metric_pos = range_of(name);
  }
  if (peek().kind == Tok::LeftBrace) matchers(*node);
  return node;
}

void Parser::matchers(Node& selector) {
  take();
  while (peek().kind != Tok::RightBrace) {
    const Token& name = expect(Tok::Identifier, "label matching", "identifier or \"}\"");
    Tok op = peek().kind;
    if (op != Tok::Assign && op != Tok::Neq && op != Tok::EqlRegex && op != Tok::NeqRegex) {
      unexpected("label matching", "label matching operator");
    }
    take();
    const Token& value = expect(Tok::String, "label matching", "string");
    Matcher m;
    m.name = name.text;
    m.op = op == Tok::Assign ? MatchOp::Equal : op == Tok::Neq ? MatchOp::NotEqual
           : op == Tok::EqlRegex ? MatchOp::Regex : MatchOp::NotRegex;
    m.value = unquote(value.text);
    m.pos = {name.pos, value.end()};
    m.value_pos = range_of(value);
    if (m.op == MatchOp::Regex || m.op == MatchOp::NotRegex) {
      if (auto problem = regex_error(m.value)) error(m.pos, "error parsing regexp: " + *problem);
    }
    selector.matchers.push_back(std::move(m));
    if (peek().kind == Tok::Comma) {
      take();
    } else if (peek().kind != Tok::RightBrace) {
      unexpected("label matching", "\",\" or \"}\"");
    }
  }
  selector.pos.end = take().end();
}

NodePtr Parser::call() {
  const Token& name = take();
  NodePtr node = make(NodeKind::Call, range_of(name));
  node->name = name.text;
  node->name_pos = range_of(name);
  node->function = find_function(name.text);
  if (!node->function) error(range_of(name), "unknown function with name \"" + name.text + "\"");
  arguments(*node);
  return node;
}

// `( expr, ... )` of a call or aggregation; extends node.pos to the ')'.
void Parser::arguments(Node& node) {
  expect(Tok::LeftParen, "", "");
  while (peek().kind != Tok::RightParen) {
    node.children.push_back(expression(0));
    if (peek().kind == Tok::Comma) {
      const Token& comma = take();
      if (peek().kind == Tok::RightParen) error(range_of(comma), "trailing commas not allowed in function call args");
    } else if (peek().kind != Tok::RightParen) {
      unexpected("", "");
    }
  }
  node.pos.end = take().end();
}

NodePtr Parser::aggregate() {
  const Token& op = take();
  NodePtr node = make(NodeKind::Aggregate, range_of(op));
  node->aggregate_op = aggregate_op_of(op.kind);
  node->op_text = op.text;
  node->op_pos = range_of(op);
  auto modifier = [&] {
    const Token& keyword = take();
    node->has_grouping = true;
    node->without = keyword.kind == Tok::Without;
    node->grouping = grouping_labels(node->grouping_pos);
    node->grouping_pos.start = keyword.pos;
  };
  bool before = peek().kind == Tok::By || peek().kind == Tok::Without;
  if (before) modifier();
  if (peek().kind != Tok::LeftParen) unexpected("aggregation", "");
  arguments(*node);
  if (!before && (peek().kind == Tok::By || peek().kind == Tok::Without)) {
    modifier();
    node->pos.end = node->grouping_pos.end;
  }
  size_t want = takes_parameter(node->aggregate_op) ? 2 : 1;
  if (node->children.empty()) {
    error(node->pos, "no arguments for aggregate expression provided");
  } else if (node->children.size() != want) {
    error(node->pos, "wrong number of arguments for aggregate expression provided, expected " +
                         std::to_string(want) + ", got " + std::to_string(node->children.size()));
  }
  return node;
}

NodePtr Parser::postfix(NodePtr node) {
  for (;;) {
    switch (peek().kind) {
      case Tok::LeftBracket: node = range_or_subquery(std::move(node)); break;
      case Tok::Offset: offset(*node, take()); break;
      case Tok::At: at(*node, take()); break;
      default: return node;
    }
  }
}

NodePtr Parser::range_or_subquery(NodePtr node) {
  const Token& open = take();
  const Token& range = expect(Tok::Duration, "subquery selector", "duration");
  DurationValue range_value = duration_value(range.text);
  if (!range_value.error.empty()) error(range_of(range), range_value.error);
  if (peek().kind == Tok::RightBracket) {
    const Token& close = take();
    Range brackets{open.pos, close.end()};
    const char* problem = nullptr;
    if (node->kind != NodeKind::VectorSelector) {
      problem = "ranges only allowed for vector selectors";
    } else if (node->time.offset_ms) {
      problem = "no offset modifiers allowed before range";
    } else if (node->time.at != TimeModifiers::At::None) {
      problem = "no @ modifiers allowed before range";
    }
    if (problem) error(brackets, problem);
    NodePtr matrix = make(NodeKind::MatrixSelector, {node->pos.start, close.end()});
    matrix->range_ms = range_value.ms;
    matrix->range_pos = brackets;
    matrix->children.push_back(std::move(node));
    return matrix;
  }
  if (peek().kind != Tok::Colon) unexpected("subquery or range", "\":\" or \"]\"");
  take();
  NodePtr subquery = make(NodeKind::Subquery, node->pos);
  subquery->range_ms = range_value.ms;
  if (peek().kind == Tok::Duration) {
    const Token& step = take();
    DurationValue step_value = duration_value(step.text);
    if (!step_value.error.empty()) error(range_of(step), step_value.error);
    subquery->step_ms = step_value.ms;
    if (peek().kind != Tok::RightBracket) unexpected("subquery selector", "\"]\"");
  }
  const Token& close = expect(Tok::RightBracket, "subquery selector", "duration or \"]\"");
  subquery->range_pos = {open.pos, close.end()};
  subquery->pos.end = close.end();
  subquery->children.push_back(std::move(node));
  return subquery;
}

// Where offset and @ of `node` live, or null (after an error) when it takes none.
TimeModifiers* Parser::modifiers_of(Node& node, const char* what, Range pos) {
  if (node.kind == NodeKind::VectorSelector || node.kind == NodeKind::Subquery) return &node.time;
  if (node.kind == NodeKind::MatrixSelector) {
    if (node.child(0).kind == NodeKind::VectorSelector) return &node.children[0]->time;
    error(node.pos, "ranges only allowed for vector selectors");
    return nullptr;
  }
  error(pos, std::string(what) +
                 " modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  return nullptr;
}

void Parser::offset(Node& node, const Token& keyword) {
  bool negative = peek().kind == Tok::Sub;
  if (negative) take();
  const Token& duration = expect(Tok::Duration, "offset", "duration");
  DurationValue value = duration_value(duration.text);
  if (!value.error.empty()) error(range_of(duration), value.error);
  Range pos{keyword.pos, duration.end()};
  TimeModifiers* time = modifiers_of(node, "offset", node.pos);
  node.pos.end = duration.end();
  if (!time) return;
  if (time->offset_ms) {
    error(node.pos, "offset may not be set multiple times");
    return;
  }
  time->offset_ms = negative ? -value.ms : value.ms;
  time->offset_pos = pos;
}

void Parser::at(Node& node, const Token& keyword) {
  TimeModifiers parsed;
  size_t end = 0;
  if (peek().kind == Tok::Start || peek().kind == Tok::EndKw) {
    parsed.at = take().kind == Tok::Start ? TimeModifiers::At::Start : TimeModifiers::At::End;
    expect(Tok::LeftParen, "", "");
    end = expect(Tok::RightParen, "", "").end();
  } else {
    bool negative = peek().kind == Tok::Sub;
    if (peek().kind == Tok::Add || negative) take();
    if (peek().kind != Tok::Number) unexpected("@", "timestamp");
    NodePtr number = number_literal();
    double ts = negative ? -number->number : number->number;
    end = number->pos.end;
    if (std::isinf(ts) || std::isnan(ts) || ts >= 9.223372036854775807e18 || ts <= -9.223372036854775808e18) {
      error(node.pos, "timestamp out of bounds for @ modifier: " + std::to_string(ts));
    }
    parsed.at = TimeModifiers::At::Timestamp;
    parsed.at_seconds = ts;
  }
  TimeModifiers* time = modifiers_of(node, "@", node.pos);
  node.pos.end = end;
  if (!time) return;
  if (time->at != TimeModifiers::At::None) {
    error(node.pos, "@ <timestamp> may not be set multiple times");
    return;
  }
  time->at = parsed.at;
  time->at_seconds = parsed.at_seconds;
  time->at_pos = {keyword.pos, end};
}

}  // namespace

ParseResult parse_promql(const std::string& text) {
  ParseResult result = Parser(text).run();
  if (result.ok()) type_check(*result.expr, result.errors);
  return result;
}

LineColumn line_column(const std::string& text, size_t offset) {
  LineColumn lc{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace symptree::promql
