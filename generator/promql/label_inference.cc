// Label inference over the syntax tree, following how Prometheus 2.42 builds
// result labels: selectors keep their series' labels, functions and arithmetic
// drop __name__, aggregations keep their by (...) labels or lose their
// without (...) ones, vector matching keeps the on (...) labels (one-to-one)
// or the many side's labels plus the group_x (...) ones.
#include "generator/promql/label_inference.h"

#include <algorithm>

#include "generator/promql/functions.h"
#include "generator/promql/regex_syntax.h"

namespace symptree::promql {

namespace {

const std::string kName = "__name__";

// Each label of absent(sel)'s (or absent_over_time's) `=` matchers but
// __name__, with its value, when the selector has one such matcher for it;
// {} for another node.
std::map<std::string, std::string> absent_matcher_labels(const Node& call) {
  std::map<std::string, std::string> labels;
  if (call.kind != NodeKind::Call || (call.name != "absent" && call.name != "absent_over_time") || call.children.empty()) {
    return labels;
  }
  const Node* arg = &call.child(0);
  if (arg->kind == NodeKind::MatrixSelector) arg = &arg->child(0);
  if (arg->kind != NodeKind::VectorSelector) return labels;
  std::map<std::string, int> equalities;
  for (const auto& m : arg->matchers) {
    if (m.name != kName && m.op == MatchOp::Equal) equalities[m.name]++;
  }
  for (const auto& m : arg->matchers) {
    if (m.name != kName && m.op == MatchOp::Equal && equalities[m.name] == 1) labels[m.name] = m.value;
  }
  return labels;
}

std::string list_text(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& l : labels) out += (out.empty() ? "" : ", ") + l;
  return out;
}

// The first clause that removes a label is the one that explains its absence.
void remove(LabelInference& r, const std::string& label, const Drop& drop) {
  r.partial.erase(label);
  if (r.absent.count(label)) return;
  bool known = r.certain.erase(label) + r.possible.erase(label) > 0;
  if (known || r.open) r.absent[label] = drop;
}

void add(LabelInference& r, const std::string& label, Presence presence) {
  r.absent.erase(label);
  if (presence == Presence::Certain) {
    r.partial.erase(label);
    r.possible.erase(label);
    r.certain.insert(label);
  } else if (!r.certain.count(label)) {
    r.possible.insert(label);
  }
}

LabelInference no_labels(const Drop& why, bool scalar) {
  LabelInference r;
  r.open = false;
  r.closed_by = why;
  r.scalar = scalar;
  return r;
}

// Only `labels` remain (each as present as it was); everything else is dropped by `drop`.
LabelInference keep_only(const LabelInference& in, const std::vector<std::string>& labels, const Drop& drop) {
  LabelInference r = no_labels(drop, false);
  for (const auto& l : labels) {
    Presence p = in.presence(l);
    if (p == Presence::Absent) {
      if (auto why = in.why_absent(l)) r.absent[l] = *why;
    } else {
      add(r, l, p);
      if (in.partial.count(l)) r.partial[l] = in.partial.at(l);
    }
  }
  for (const auto& l : in.certain) {
    if (!r.certain.count(l) && !r.possible.count(l)) r.absent[l] = drop;
  }
  for (const auto& l : in.possible) {
    if (!r.certain.count(l) && !r.possible.count(l)) r.absent[l] = drop;
  }
  return r;
}

// `a or b`: a series of either side.
LabelInference either(const LabelInference& a, const LabelInference& b) {
  LabelInference r;
  r.open = a.open || b.open;
  std::set<std::string> names = a.certain;
  for (const auto* side : {&a, &b}) {
    names.insert(side->certain.begin(), side->certain.end());
    names.insert(side->possible.begin(), side->possible.end());
    for (const auto& [l, drop] : side->absent) names.insert(l);
  }
  for (const auto& l : names) {
    Presence pa = a.presence(l), pb = b.presence(l);
    if (pa == Presence::Certain && pb == Presence::Certain) {
      r.certain.insert(l);
    } else if (pa == Presence::Absent && pb == Presence::Absent) {
      r.absent[l] = *a.why_absent(l);
    } else {
      r.possible.insert(l);
      // The series of a side without it lack it; else those the sides say lack it.
      if (pa == Presence::Absent || pb == Presence::Absent) {
        r.partial[l] = *(pa == Presence::Absent ? a : b).why_absent(l);
      } else if (a.partial.count(l) || b.partial.count(l)) {
        r.partial[l] = a.partial.count(l) ? a.partial.at(l) : b.partial.at(l);
      }
    }
  }
  if (!r.open) r.closed_by = a.closed_by ? a.closed_by : b.closed_by;
  return r;
}

bool requires_value(const Matcher& m) {
  switch (m.op) {
    case MatchOp::Equal: return !m.value.empty();
    case MatchOp::NotEqual: return m.value.empty();
    case MatchOp::Regex: return !regex_matches_empty(m.value);
    case MatchOp::NotRegex: return regex_matches_empty(m.value);
  }
  return false;
}

std::optional<std::string> string_argument(const Node* node) {
  while (node && node->kind == NodeKind::Paren) node = &node->child(0);
  if (!node || node->kind != NodeKind::String) return std::nullopt;
  return node->text;
}

class Inferrer {
 public:
  explicit Inferrer(const LabelCatalog& catalog) : catalog_(catalog) {}
  LabelInference infer(const Node& node);

 private:
  LabelInference selector(const Node& node);
  LabelInference call(const Node& node);
  LabelInference absent_call(const Node& node);
  LabelInference replace_call(const Node& node, LabelInference in);
  LabelInference aggregate(const Node& node);
  LabelInference binary(const Node& node);
  LabelInference vector_matching(const Node& node, LabelInference lhs, LabelInference rhs);

  const LabelCatalog& catalog_;
};

LabelInference Inferrer::infer(const Node& node) {
  switch (node.kind) {
    case NodeKind::Number:
    case NodeKind::String: return no_labels({node.pos, "a literal has no labels", DropKind::NoLabels}, true);
    case NodeKind::VectorSelector: return selector(node);
    case NodeKind::MatrixSelector:
    case NodeKind::Subquery:
    case NodeKind::Paren: return infer(node.child(0));
    case NodeKind::Unary: {
      LabelInference r = infer(node.child(0));
      if (node.op_text == "-" && !r.scalar) remove(r, kName, {node.pos, "unary minus drops the metric name", DropKind::Operator});
      return r;
    }
    case NodeKind::Call: return call(node);
    case NodeKind::Aggregate: return aggregate(node);
    case NodeKind::Binary: return binary(node);
  }
  return {};
}

// "the series of pg_up carry only datname, instance, job": why a label the catalogue
// does not list cannot be there.
std::string catalog_labels_text(const std::string& metric, const MetricLabels& labels) {
  std::set<std::string> carried = labels.always;  // those every series carries and those some do
  carried.insert(labels.sometimes.begin(), labels.sometimes.end());
  std::string list;
  for (const std::string& label : carried) {
    if (label != kName) list += (list.empty() ? "" : ", ") + label;
  }
  return "the series of " + metric + " carry only " + (list.empty() ? "no label" : list);
}

LabelInference Inferrer::selector(const Node& node) {
  LabelInference r;
  std::string metric = node.metric;
  for (const auto& m : node.matchers) {
    if (m.name == kName && m.op == MatchOp::Equal) metric = m.value;
  }
  auto known = catalog_.find(metric);
  if (metric == "up") {
    for (const auto& m : node.matchers) {
      if (m.name != "job" || m.op != MatchOp::Equal) continue;
      if (auto of_job = catalog_.find(job_up_key(m.value)); of_job != catalog_.end()) known = of_job;
    }
  }
  if (known != catalog_.end()) {
    for (const auto& l : known->second.always) add(r, l, Presence::Certain);
    for (const auto& l : known->second.sometimes) add(r, l, Presence::Possible);
    r.open = !known->second.complete;
    if (!r.open) r.closed_by = Drop{node.pos, catalog_labels_text(metric, known->second), DropKind::Catalog};
  }
  if (!metric.empty()) add(r, kName, Presence::Certain);
  for (const auto& m : node.matchers) {
    if (requires_value(m)) {
      add(r, m.name, Presence::Certain);
    } else if (m.op == MatchOp::Equal) {
      remove(r, m.name, {m.pos, "the selector requires " + m.name + " to be empty", DropKind::Matcher});
    } else if (!r.certain.count(m.name) && (r.open || r.possible.count(m.name))) {
      add(r, m.name, Presence::Possible);
    }
  }
  return r;
}

LabelInference Inferrer::call(const Node& node) {
  const Function* f = node.function;
  if (!f) return {};
  Drop by_function{node.name_pos, std::string(f->name) + "() drops the metric name", DropKind::Function};
  switch (f->labels) {
    case LabelEffect::NoLabels:
      return no_labels({node.pos, std::string(f->name) + "() has no labels", DropKind::Function}, f->return_type == ValueType::Scalar);
    case LabelEffect::Absent: return absent_call(node);
    default: break;
  }
  if (f->vector_arg < 0) return {};
  if (size_t(f->vector_arg) >= node.children.size()) {  // hour() and friends read vector(time())
    return no_labels({node.pos, std::string(f->name) + "() without an argument has no labels", DropKind::Function}, false);
  }
  LabelInference r = infer(node.child(size_t(f->vector_arg)));
  switch (f->labels) {
    case LabelEffect::DropName: remove(r, kName, by_function); break;
    case LabelEffect::DropLe:
      remove(r, kName, by_function);
      remove(r, "le", {node.name_pos, std::string(f->name) + "() drops le", DropKind::Function});
      break;
    case LabelEffect::Replace: return replace_call(node, std::move(r));
    default: break;
  }
  return r;
}

// absent(sel{a="x"}): one series with the equality matchers' labels (or none).
LabelInference Inferrer::absent_call(const Node& node) {
  LabelInference r = no_labels({node.pos, node.name + "() keeps only the labels of its selector's = matchers", DropKind::Function}, false);
  for (const auto& [label, value] : absent_matcher_labels(node)) {
    add(r, label, value.empty() ? Presence::Possible : Presence::Certain);  // `a=""` is no label
  }
  return r;
}

// label_replace(v, dst, replacement, src, regex) and label_join(v, dst, separator, src...).
LabelInference Inferrer::replace_call(const Node& node, LabelInference in) {
  auto dst = string_argument(node.children.size() > 1 ? &node.child(1) : nullptr);
  if (!dst) return in;
  Presence result = Presence::Possible;
  if (node.name == "label_replace" && node.children.size() == 5) {
    auto replacement = string_argument(&node.child(2));
    auto src = string_argument(&node.child(3));
    auto regex = string_argument(&node.child(4));
    bool matches_all = regex && (*regex == ".*" || *regex == "(.*)");
    if (matches_all && replacement && !replacement->empty() && replacement->find('$') == std::string::npos) {
      result = Presence::Certain;
    } else if (regex && *regex == "(.*)" && replacement && (*replacement == "$1" || *replacement == "${1}") && src) {
      result = in.presence(*src);
    }
  } else if (node.name == "label_join") {
    for (size_t i = 3; i < node.children.size(); ++i) {
      auto src = string_argument(&node.child(i));
      if (src && in.presence(*src) == Presence::Certain) result = Presence::Certain;
    }
  }
  if (result == Presence::Absent) {
    remove(in, *dst, {node.name_pos, node.name + "() sets " + *dst + " from an absent label", DropKind::Function});
  } else {
    in.absent.erase(*dst);
    in.certain.erase(*dst);
    in.partial.erase(*dst);
    add(in, *dst, result);
  }
  return in;
}

LabelInference Inferrer::aggregate(const Node& node) {
  LabelInference in = infer(node.aggregated());
  AggregateOp op = node.aggregate_op;
  if (op == AggregateOp::Topk || op == AggregateOp::Bottomk) return in;  // the input series themselves
  std::string clause = node.has_grouping ? std::string(node.without ? "without" : "by") + " (" + list_text(node.grouping) + ")" : "";
  LabelInference r;
  if (!node.has_grouping) {
    r = keep_only(in, {}, {node.op_pos, node.op_text + "(...) without by (...) keeps no labels", DropKind::Aggregation});
  } else if (!node.without) {
    r = keep_only(in, node.grouping, {node.grouping_pos, clause + " keeps only " + (node.grouping.empty() ? "no labels" : list_text(node.grouping)), DropKind::By});
  } else {
    r = std::move(in);
    for (const auto& l : node.grouping) remove(r, l, {node.grouping_pos, clause + " removes " + l, DropKind::Without});
    remove(r, kName, {node.op_pos, "aggregation drops the metric name", DropKind::Aggregation});
  }
  if (op == AggregateOp::CountValues) {
    if (auto label = string_argument(node.parameter())) add(r, *label, Presence::Certain);
  }
  return r;
}

LabelInference Inferrer::binary(const Node& node) {
  LabelInference lhs = infer(node.child(0)), rhs = infer(node.child(1));
  BinaryOp op = node.binary_op;
  if (lhs.scalar && rhs.scalar) return no_labels({node.pos, "a scalar has no labels", DropKind::NoLabels}, true);
  // Prometheus 2.42 drops the name for + - * / % ^ and bool comparisons (not atan2, not filters).
  bool drops_name = !is_set_operator(op) && op != BinaryOp::Atan2 && (!is_comparison(op) || node.return_bool);
  Drop name_drop{node.op_pos, std::string(binary_op_text(op)) + (node.return_bool ? " bool" : "") + " drops the metric name", DropKind::Operator};
  if (lhs.scalar || rhs.scalar) {
    LabelInference r = lhs.scalar ? std::move(rhs) : std::move(lhs);
    if (drops_name) remove(r, kName, name_drop);
    return r;
  }
  if (op == BinaryOp::And || op == BinaryOp::Unless) return lhs;
  if (op == BinaryOp::Or) return either(lhs, rhs);
  if (drops_name) {
    remove(lhs, kName, name_drop);
    remove(rhs, kName, name_drop);
  }
  return vector_matching(node, std::move(lhs), std::move(rhs));
}

// Result labels of a vector-vector arithmetic or comparison (Prometheus's resultMetric).
LabelInference Inferrer::vector_matching(const Node& node, LabelInference lhs, LabelInference rhs) {
  VectorMatching m = node.matching ? *node.matching : VectorMatching{};
  std::string clause = std::string(m.on ? "on" : "ignoring") + " (" + list_text(m.labels) + ")";
  if (m.card == Cardinality::OneToOne || m.card == Cardinality::ManyToMany) {
    // Matched pairs agree on every compared label: what one side certainly has, both have.
    for (const auto& l : rhs.certain) {
      if (lhs.presence(l) == Presence::Possible && (m.on ? std::count(m.labels.begin(), m.labels.end(), l) > 0
                                                         : std::count(m.labels.begin(), m.labels.end(), l) == 0 && l != kName)) {
        add(lhs, l, Presence::Certain);
      }
    }
    if (m.on) return keep_only(lhs, m.labels, {m.labels_pos, clause + " keeps only " + (m.labels.empty() ? "no labels" : list_text(m.labels)), DropKind::On});
    for (const auto& l : m.labels) remove(lhs, l, {m.labels_pos, clause + " removes " + l, DropKind::Ignoring});
    return lhs;
  }
  bool left = m.card == Cardinality::ManyToOne;
  LabelInference r = left ? std::move(lhs) : std::move(rhs);
  const LabelInference& one = left ? rhs : lhs;
  for (const auto& l : m.include) {
    Presence p = one.presence(l);
    if (p == Presence::Absent) {
      remove(r, l, one.why_absent(l).value_or(Drop{m.group_pos, "the other side has no " + l, DropKind::Group}));
    } else {
      r.absent.erase(l);
      r.certain.erase(l);
      r.partial.erase(l);
      add(r, l, p);
      if (one.partial.count(l)) r.partial[l] = one.partial.at(l);
    }
  }
  return r;
}

}  // namespace

Presence LabelInference::presence(const std::string& label) const {
  if (certain.count(label)) return Presence::Certain;
  if (possible.count(label)) return Presence::Possible;
  if (absent.count(label) || !open) return Presence::Absent;
  return Presence::Possible;
}

std::optional<Drop> LabelInference::why_absent(const std::string& label) const {
  if (presence(label) != Presence::Absent) return std::nullopt;
  auto it = absent.find(label);
  if (it != absent.end()) return it->second;
  return closed_by;
}

LabelInference infer_labels(const Node& expr, const LabelCatalog& catalog) { return Inferrer(catalog).infer(expr); }

std::map<std::string, std::string> absent_result_labels(const Node& call) {
  std::map<std::string, std::string> labels = absent_matcher_labels(call);
  for (auto it = labels.begin(); it != labels.end();) it = it->second.empty() ? labels.erase(it) : std::next(it);
  return labels;
}

}  // namespace symptree::promql
