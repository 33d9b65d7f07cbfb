// Metric extraction and simple-comparison recognition over PromQL tokens.
#include "generator/promql/condition.h"

#include <algorithm>
#include <set>

#include "generator/promql/lexer.h"

namespace symptree {
namespace {

// Index just past the bracket that closes the one at `open`.
size_t skip_group(const std::vector<Token>& tokens, size_t open, const std::string& opening,
                  const std::string& closing) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::Punct) continue;
    if (tokens[i].text == opening) ++depth;
    if (tokens[i].text == closing && --depth == 0) return i + 1;
  }
  return tokens.size() - 1;
}

std::vector<MetricReference> find_metrics(const std::vector<Token>& tokens) {
  std::vector<MetricReference> metrics;
  std::set<std::string> seen;
  for (size_t i = 0; i < tokens.size();) {
    const Token& t = tokens[i];
    bool next_is_paren = tokens[i + 1 < tokens.size() ? i + 1 : i].text == "(";
    if (t.kind == TokenKind::Punct && t.text == "{") {
      i = skip_group(tokens, i, "{", "}");
    } else if (t.kind == TokenKind::Punct && t.text == "[") {
      i = skip_group(tokens, i, "[", "]");
    } else if (t.kind == TokenKind::Identifier && takes_label_list(t.text) && next_is_paren) {
      i = skip_group(tokens, i + 1, "(", ")");
    } else if (t.kind == TokenKind::Identifier && !is_promql_keyword(t.text) && !next_is_paren) {
      if (seen.insert(t.text).second) metrics.push_back({t.text, t.offset});
      ++i;
    } else {
      ++i;
    }
  }
  return metrics;
}

// Unquotes a PromQL string literal (escapes kept simple: \" \\ \').
std::string unquote(const std::string& literal) {
  std::string out;
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    if (literal[i] == '\\' && literal[0] != '`' && i + 2 < literal.size()) ++i;
    out.push_back(literal[i]);
  }
  return out;
}

// Parses `metric{l="v",...}` at tokens[pos]; advances pos on success.
std::optional<SeriesSelector> parse_selector(const std::vector<Token>& tokens, size_t& pos) {
  size_t i = pos;
  if (tokens[i].kind != TokenKind::Identifier || is_promql_keyword(tokens[i].text)) return std::nullopt;
  SeriesSelector selector;
  selector.metric = tokens[i++].text;
  if (tokens[i].text == "{") {
    ++i;
    while (tokens[i].text != "}") {
      if (tokens[i].kind != TokenKind::Identifier || tokens[i + 1].text != "=" ||
          tokens[i + 2].kind != TokenKind::String)
        return std::nullopt;
      selector.labels.emplace_back(tokens[i].text, unquote(tokens[i + 2].text));
      i += 3;
      if (tokens[i].text == ",") ++i;
    }
    ++i;
  }
  pos = i;
  return selector;
}

// Parses `by (a, b)` or `without (a)` at tokens[i] into `aggregation`; advances i.
bool parse_grouping(const std::vector<Token>& tokens, size_t& i, Aggregation& aggregation) {
  if (tokens[i].kind != TokenKind::Identifier || (tokens[i].text != "by" && tokens[i].text != "without")) return true;
  if (!aggregation.labels.empty() || aggregation.labels_offset != aggregation.offset) return false;  // given twice
  aggregation.without = tokens[i].text == "without";
  aggregation.labels_offset = tokens[i].offset;
  if (tokens[++i].text != "(") return false;
  for (++i; tokens[i].text != ")"; ++i) {
    if (tokens[i].kind != TokenKind::Identifier) return false;
    aggregation.labels.push_back(tokens[i].text);
    if (tokens[i + 1].text == ",") ++i;
  }
  ++i;
  return true;
}

// Parses `max [by|without (...)] (selector) [by|without (...)]` at tokens[i];
// advances i. Other aggregations and nested expressions are not derivable.
std::optional<SeriesSelector> parse_aggregated_selector(const std::vector<Token>& tokens, size_t& i,
                                                        std::optional<Aggregation>& aggregation) {
  static const std::set<std::string> value_preserving = {"max", "min", "avg"};
  if (tokens[i].kind != TokenKind::Identifier || !value_preserving.count(tokens[i].text)) {
    return parse_selector(tokens, i);
  }
  Aggregation result;
  result.op = tokens[i].text;
  result.offset = result.labels_offset = tokens[i].offset;
  ++i;
  if (!parse_grouping(tokens, i, result) || tokens[i].text != "(") return std::nullopt;
  ++i;
  std::optional<SeriesSelector> selector = parse_selector(tokens, i);
  if (!selector || tokens[i].text != ")") return std::nullopt;
  ++i;
  if (!parse_grouping(tokens, i, result)) return std::nullopt;
  aggregation = result;
  return selector;
}

// Parses a simple comparison (see SimpleComparison) at tokens[pos]; advances pos on success.
std::optional<SimpleComparison> parse_comparison(const std::vector<Token>& tokens, size_t& pos) {
  size_t i = pos;
  SimpleComparison comparison;
  std::optional<SeriesSelector> selector = parse_aggregated_selector(tokens, i, comparison.aggregation);
  if (!selector) return std::nullopt;
  comparison.metric = selector->metric;
  comparison.matchers = selector->labels;
  if (tokens[i].kind != TokenKind::Operator || !is_comparison_operator(tokens[i].text)) return std::nullopt;
  comparison.op = tokens[i++].text;
  std::string sign;
  if (tokens[i].kind == TokenKind::Operator && (tokens[i].text == "-" || tokens[i].text == "+")) {
    sign = tokens[i++].text == "-" ? "-" : "";
  }
  if (tokens[i].kind != TokenKind::Number) return std::nullopt;
  std::optional<Decimal> value = Decimal::parse(sign + tokens[i].text);
  if (!value) return std::nullopt;
  comparison.threshold_text = sign + tokens[i].text;
  comparison.threshold = *value;
  pos = i + 1;
  return comparison;
}

std::vector<SimpleComparison> find_alternatives(const std::vector<Token>& tokens) {
  std::vector<SimpleComparison> alternatives;
  size_t pos = 0;
  while (true) {
    std::optional<SimpleComparison> comparison = parse_comparison(tokens, pos);
    if (!comparison) return {};
    alternatives.push_back(*comparison);
    if (tokens[pos].kind == TokenKind::End) return alternatives;
    if (tokens[pos].kind != TokenKind::Identifier || tokens[pos].text != "or") return {};
    ++pos;
  }
}

// No token that aggregates, matches vectors or rewrites labels.
bool keeps_series_labels(const std::vector<Token>& tokens) {
  static const std::set<std::string> label_changing = {
      "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
      "by", "without", "on", "ignoring", "group_left", "group_right", "label_replace", "label_join",
      "histogram_quantile", "absent", "absent_over_time", "vector", "scalar", "time"};
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::Identifier && label_changing.count(t.text)) return false;
  }
  return true;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SimpleComparison::result_labels(
    const std::vector<std::pair<std::string, std::string>>& labels) const {
  if (!aggregation) return labels;
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto& label : labels) {
    bool listed = std::find(aggregation->labels.begin(), aggregation->labels.end(), label.first) !=
                  aggregation->labels.end();
    if (listed == !aggregation->without) kept.push_back(label);
  }
  return kept;
}

std::optional<SeriesSelector> parse_series_selector(const std::string& text) {
  LexResult lexed = lex_promql(text);
  if (!lexed.ok()) return std::nullopt;
  size_t pos = 0;
  std::optional<SeriesSelector> selector = parse_selector(lexed.tokens, pos);
  if (!selector || lexed.tokens[pos].kind != TokenKind::End) return std::nullopt;
  return selector;
}

// The first number compared against that symptree could not test exactly
// (see Decimal::parse): its token, or nullptr.
const Token* inexact_threshold(const std::vector<Token>& tokens) {
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::Operator || !is_comparison_operator(tokens[i].text)) continue;
    size_t number = i + 1;
    std::string sign;
    if (tokens[number].kind == TokenKind::Operator && (tokens[number].text == "-" || tokens[number].text == "+")) {
      sign = tokens[number++].text;
    }
    const Token& t = tokens[number];
    bool hex = t.text.size() > 1 && (t.text[1] == 'x' || t.text[1] == 'X');
    if (t.kind == TokenKind::Number && !hex && !Decimal::parse(sign + t.text)) return &t;
  }
  return nullptr;
}

ConditionAnalysis analyze_condition(const std::string& expression) {
  ConditionAnalysis analysis;
  LexResult lexed = lex_promql(expression);
  if (!lexed.ok()) {
    analysis.error = lexed.error;
    analysis.error_offset = lexed.error_offset;
    return analysis;
  }
  if (const Token* threshold = inexact_threshold(lexed.tokens)) {
    analysis.error = "threshold " + threshold->text + " cannot be tested exactly: promtool reads values as float64, "
                     "which holds 15 significant digits and no finer steps than 1e-20";
    analysis.error_offset = threshold->offset;
    return analysis;
  }
  analysis.metrics = find_metrics(lexed.tokens);
  analysis.alternatives = find_alternatives(lexed.tokens);
  analysis.keeps_series_labels = keeps_series_labels(lexed.tokens);
  return analysis;
}

}  // namespace symptree
