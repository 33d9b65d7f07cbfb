// Random PromQL from the grammar: selectors with matchers, ranges, subqueries,
// offset and @, every function, every aggregation with by/without before or
// after, every binary operator with bool/on/ignoring/group_x, unary signs,
// literals in every spelling; keywords in random case.
#include "tests/promql/expression_generator.h"

#include "generator/promql/functions.h"
#include "generator/promql/scanner.h"

namespace symptree::promql_test {

namespace {

using promql::ValueType;

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  std::string expression(int depth) {
    ValueType want = rng_.chance(80) ? ValueType::Vector : rng_.chance(70) ? ValueType::Scalar : ValueType::Matrix;
    return of_type(want, depth);
  }

 private:
  std::string keyword(const std::string& word) {
    if (rng_.chance(85)) return word;
    std::string out = word;
    for (char& c : out) c = char(rng_.chance(50) ? std::toupper(c) : c);
    return out;
  }
  std::string space() {
    static const std::vector<std::string> spaces = {"", " ", " ", "  ", "\n", "\t", " # note\n"};
    return rng_.chance(70) ? "" : rng_.pick(spaces);
  }
  // Sometimes the wrong type on purpose, so type errors are exercised.
  ValueType maybe_wrong(ValueType want) {
    if (!rng_.chance(6)) return want;
    static const std::vector<ValueType> all = {ValueType::Scalar, ValueType::Vector, ValueType::Matrix,
                                               ValueType::String};
    return rng_.pick(all);
  }

  std::string of_type(ValueType type, int depth) {
    switch (type) {
      case ValueType::Scalar: return scalar(depth);
      case ValueType::Matrix: return matrix(depth);
      case ValueType::String: return string_literal();
      default: return vector(depth);
    }
  }

  // A valid spelling mostly; an invalid one now and then.
  const std::string& literal(const std::vector<std::string>& good, const std::vector<std::string>& bad) {
    return rng_.chance(96) ? rng_.pick(good) : rng_.pick(bad);
  }
  std::string number() {
    static const std::vector<std::string> good = {"0",   "1",    "2",     "5",   "10",  "100",   "0.5", "0.99",
                                                  "1e3", "2.5E-3", "0x1F", "017", "08", "Inf",  "NaN", "inf",
                                                  ".5",  "5.",   "3600",  "86400", "0.95", "26", "1e+2"};
    static const std::vector<std::string> bad = {"1e", "0x", "1e999", "1_000"};
    return literal(good, bad);
  }
  std::string duration() {
    static const std::vector<std::string> good = {"5m", "1m", "30s", "1h", "1h30m", "2d",  "1w",
                                                  "1y", "500ms", "10m", "15s", "6h"};
    static const std::vector<std::string> bad = {"0s", "1.5m", "30m1h", "5M"};
    return literal(good, bad);
  }
  std::string string_literal() {
    static const std::vector<std::string> good = {"\"a\"", "'b'", "`c`", "\"x\\ny\"", "\"$1\"", "\"\"",
                                                  "\"tab\\t\"", "'\\''", "\"\\u00e9\"", "\"-\"", "\"le\"",
                                                  "\"host\"", "\"instance\"", "\"(.*):.*\""};
    static const std::vector<std::string> bad = {"\"\\q\"", "\"\\x4\"", "'\\\"'"};
    return literal(good, bad);
  }
  std::string label() {
    static const std::vector<std::string> labels = {"job", "instance", "host", "le", "mode", "name", "code",
                                                    "method", "on", "by", "sum", "Offset", "bool"};
    static const std::vector<std::string> bad = {"x:y", "1a", "__name__"};
    return literal(labels, bad);
  }
  std::string metric() {
    static const std::vector<std::string> metrics = {
        "up", "node_cpu_seconds_total", "http_requests_total", "process_resident_memory_bytes",
        "symptree_probe_success", "job:requests:rate5m", "http_request_duration_seconds_bucket",
        "pg_stat_activity_count", "etcd_server_has_leader", "probe_ssl_earliest_cert_expiry", "sum", "by",
        "offset", "and", "start", "end", "count_values"};
    static const std::vector<std::string> bad = {"Bool", "on", "group_left"};
    return literal(metrics, bad);
  }
  std::string matcher() {
    static const std::vector<std::string> ops = {"=", "!=", "=~", "!~"};
    static const std::vector<std::string> good = {"\"a\"", "\"\"", "\".*\"", "\".+\"", "\"5..\"", "\"a|b\"",
                                                  "'x'", "\"a{2}\"", "\"[0-9]+\"", "`raw`", "\"\\\\d+\"",
                                                  "\"(?i)get\"", "\"api\""};
    static const std::vector<std::string> bad = {"\"(\"", "\"a**\"", "\"[z-a]\""};
    const std::string& value = literal(good, bad);
    return label() + space() + rng_.pick(ops) + space() + value;
  }
  std::string selector() {
    std::string s = rng_.chance(90) ? metric() : "";
    if (s.empty() || rng_.chance(40)) {
      s += "{";
      size_t n = rng_.below(3) + (s == "{" ? 1 : 0);
      for (size_t i = 0; i < n; ++i) s += (i ? "," + space() : "") + matcher();
      if (n && rng_.chance(10)) s += ",";
      s += "}";
    }
    return s;
  }
  std::string time_modifiers() {
    std::string s;
    if (rng_.chance(15)) s += " " + keyword("offset") + " " + (rng_.chance(20) ? "-" : "") + duration();
    if (rng_.chance(10)) {
      static const std::vector<std::string> at = {"100", "1609746000", "-5", "start()", "end()", "+1.5", "Inf",
                                                  "START()"};
      s += " @ " + rng_.pick(at);
    }
    return s;
  }
  std::string matrix(int depth) {
    if (depth > 0 && rng_.chance(20)) {
      std::string step = rng_.chance(50) ? duration() : "";
      return "(" + vector(depth - 1) + ")[" + duration() + ":" + step + "]" + time_modifiers();
    }
    return selector() + "[" + duration() + "]" + time_modifiers();
  }
  std::string scalar(int depth) {
    if (depth <= 0 || rng_.chance(50)) return number();
    switch (rng_.below(5)) {
      case 0: return "scalar(" + vector(depth - 1) + ")";
      case 1: return keyword("time") + "()";
      case 2: return scalar(depth - 1) + " " + binary_op(false) + " " + scalar(depth - 1);
      case 3: return "(" + scalar(depth - 1) + ")";
      default: return "-" + scalar(depth - 1);
    }
  }
  std::string binary_op(bool vectors) {
    static const std::vector<std::string> arith = {"+", "-", "*", "/", "%", "^", "atan2"};
    static const std::vector<std::string> compare = {"==", "!=", ">", "<", ">=", "<="};
    static const std::vector<std::string> sets = {"and", "or", "unless"};
    int kind = int(rng_.below(vectors ? 3 : 2));
    if (kind == 2) return keyword(rng_.pick(sets));
    if (kind == 1) return rng_.pick(compare) + (vectors && !rng_.chance(30) ? "" : " " + keyword("bool"));
    return keyword(rng_.pick(arith));
  }
  std::string label_list() {
    std::string s = "(";
    size_t n = rng_.below(3);
    for (size_t i = 0; i < n; ++i) s += (i ? ", " : "") + label();
    if (n && rng_.chance(10)) s += ",";
    return s + ")";
  }
  std::string vector_matching() {
    if (!rng_.chance(30)) return "";
    std::string s = " " + keyword(rng_.chance(50) ? "on" : "ignoring") + label_list();
    if (rng_.chance(30)) s += " " + keyword(rng_.chance(50) ? "group_left" : "group_right") + (rng_.chance(60) ? label_list() : "");
    return s;
  }
  std::string call(int depth) {
    const auto& table = promql::all_functions();
    const promql::Function& f = table[rng_.below(table.size())];
    size_t n = f.arg_types.size();
    if (f.variadic > 0 && rng_.chance(40)) n -= 1;
    if (f.variadic < 0 && rng_.chance(40)) n += 1;
    if (rng_.chance(5)) n = rng_.below(4);
    std::string s = std::string(f.name) + "(";
    for (size_t i = 0; i < n; ++i) {
      ValueType t = i < f.arg_types.size() ? f.arg_types[i] : f.arg_types.empty() ? ValueType::Scalar : f.arg_types.back();
      s += (i ? ", " : "") + of_type(maybe_wrong(t), depth - 1);
    }
    return s + ")";
  }
  std::string aggregation(int depth) {
    static const std::vector<std::string> ops = {"sum", "avg", "count", "min", "max", "group", "stddev", "stdvar",
                                                 "topk", "bottomk", "count_values", "quantile"};
    const std::string& op = rng_.pick(ops);
    std::string param;
    if (op == "topk" || op == "bottomk") param = of_type(maybe_wrong(ValueType::Scalar), depth - 1) + ", ";
    if (op == "quantile") param = of_type(maybe_wrong(ValueType::Scalar), depth - 1) + ", ";
    if (op == "count_values") param = of_type(maybe_wrong(ValueType::String), depth - 1) + ", ";
    std::string body = "(" + param + of_type(maybe_wrong(ValueType::Vector), depth - 1) + ")";
    std::string grouping = rng_.chance(60) ? " " + keyword(rng_.chance(70) ? "by" : "without") + " " + label_list() + " " : "";
    return keyword(op) + (rng_.chance(50) ? grouping + body : body + grouping);
  }
  std::string vector(int depth) {
    if (depth <= 0) return selector() + time_modifiers();
    switch (rng_.below(9)) {
      case 0:
      case 1: return call(depth);
      case 2:
      case 3: return aggregation(depth);
      case 4:
      case 5: {
        std::string lhs = of_type(maybe_wrong(ValueType::Vector), depth - 1);
        std::string rhs = of_type(rng_.chance(50) ? ValueType::Scalar : maybe_wrong(ValueType::Vector), depth - 1);
        if (rng_.chance(30)) std::swap(lhs, rhs);
        return lhs + space() + " " + binary_op(true) + vector_matching() + " " + space() + rhs;
      }
      case 6: return "(" + vector(depth - 1) + ")";
      case 7: return (rng_.chance(50) ? "-" : "+") + vector(depth - 1);
      default: return selector() + time_modifiers();
    }
  }

  Random rng_;
};

}  // namespace

std::vector<std::string> generate_expressions(size_t count, uint64_t seed) {
  Generator generator(seed);
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) out.push_back(generator.expression(int(i % 4) + 1));
  return out;
}

std::vector<std::string> mutate(const std::vector<std::string>& expressions, size_t per_expression, uint64_t seed) {
  Random rng(seed);
  std::vector<std::string> out;
  for (const auto& text : expressions) {
    std::vector<promql::Token> tokens = promql::scan(text);
    while (!tokens.empty() && (tokens.back().kind == promql::Tok::End || tokens.back().kind == promql::Tok::Error)) {
      tokens.pop_back();
    }
    if (tokens.empty()) continue;
    for (size_t k = 0; k < per_expression; ++k) {
      size_t i = rng.below(tokens.size());
      const promql::Token& t = tokens[i];
      std::string mutated;
      switch (rng.below(3)) {
        case 0: mutated = text.substr(0, t.pos) + text.substr(t.end()); break;
        case 1: mutated = text.substr(0, t.end()) + " " + t.text + text.substr(t.end()); break;
        default: {
          if (i + 1 >= tokens.size()) {
            mutated = text.substr(0, t.pos) + text.substr(t.end());
            break;
          }
          const promql::Token& u = tokens[i + 1];
          mutated = text.substr(0, t.pos) + u.text + text.substr(t.end(), u.pos - t.end()) + t.text + text.substr(u.end());
        }
      }
      out.push_back(mutated);
    }
  }
  return out;
}

}  // namespace symptree::promql_test
