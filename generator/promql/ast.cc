// Names of PromQL operators and types, node types, and the tree dump.
#include "generator/promql/ast.h"

#include <sstream>

#include "generator/promql/functions.h"
#include "generator/promql/literals.h"

namespace symptree::promql {

const char* value_type_name(ValueType type) {
  switch (type) {
    case ValueType::Scalar: return "scalar";
    case ValueType::Vector: return "instant vector";
    case ValueType::Matrix: return "range vector";
    case ValueType::String: return "string";
    case ValueType::None: break;
  }
  return "none";
}

const char* binary_op_text(BinaryOp op) {
  static const char* const names[] = {"or", "and", "unless", "==", "!=", "<",     "<=", ">",
                                      ">=", "+",   "-",      "*",  "/",  "%", "atan2", "^"};
  return names[static_cast<int>(op)];
}

bool is_comparison(BinaryOp op) { return op >= BinaryOp::Eql && op <= BinaryOp::Gte; }
bool is_set_operator(BinaryOp op) { return op <= BinaryOp::Unless; }

const char* aggregate_op_text(AggregateOp op) {
  static const char* const names[] = {"sum",    "avg",    "count", "min",     "max",          "group",
                                      "stddev", "stdvar", "topk",  "bottomk", "count_values", "quantile"};
  return names[static_cast<int>(op)];
}

bool takes_parameter(AggregateOp op) {
  return op == AggregateOp::Topk || op == AggregateOp::Bottomk || op == AggregateOp::CountValues ||
         op == AggregateOp::Quantile;
}

const char* match_op_text(MatchOp op) {
  static const char* const names[] = {"=", "!=", "=~", "!~"};
  return names[static_cast<int>(op)];
}

ValueType Node::type() const {
  switch (kind) {
    case NodeKind::Number: return ValueType::Scalar;
    case NodeKind::String: return ValueType::String;
    case NodeKind::VectorSelector:
    case NodeKind::Aggregate: return ValueType::Vector;
    case NodeKind::MatrixSelector:
    case NodeKind::Subquery: return ValueType::Matrix;
    case NodeKind::Paren:
    case NodeKind::Unary: return child(0).type();
    case NodeKind::Binary:
      return child(0).type() == ValueType::Scalar && child(1).type() == ValueType::Scalar ? ValueType::Scalar
                                                                                        : ValueType::Vector;
    case NodeKind::Call: return function ? function->return_type : ValueType::None;
  }
  return ValueType::None;
}

namespace {

void dump_labels(std::ostream& out, const char* keyword, const std::vector<std::string>& labels) {
  out << " " << keyword << "(";
  for (size_t i = 0; i < labels.size(); ++i) out << (i ? "," : "") << labels[i];
  out << ")";
}

void dump_time(std::ostream& out, const TimeModifiers& time) {
  if (time.offset_ms) out << " offset " << duration_text(*time.offset_ms);
  if (time.at == TimeModifiers::At::Timestamp) out << " @ " << time.at_seconds;
  if (time.at == TimeModifiers::At::Start) out << " @ start()";
  if (time.at == TimeModifiers::At::End) out << " @ end()";
}

void dump_to(std::ostream& out, const Node& n) {
  auto children = [&] {
    for (const auto& c : n.children) {
      out << " ";
      dump_to(out, *c);
    }
  };
  switch (n.kind) {
    case NodeKind::Number: out << n.text; return;
    case NodeKind::String: out << '"' << n.text << '"'; return;
    case NodeKind::VectorSelector:
      out << "(sel " << (n.metric.empty() ? "_" : n.metric);
      for (const auto& m : n.matchers) out << " " << m.name << match_op_text(m.op) << '"' << m.value << '"';
      dump_time(out, n.time);
      out << ")";
      return;
    case NodeKind::MatrixSelector: out << "(matrix"; children(); out << " " << duration_text(n.range_ms) << ")"; return;
    case NodeKind::Subquery:
      out << "(subquery";
      children();
      out << " " << duration_text(n.range_ms) << ":" << (n.step_ms ? duration_text(n.step_ms) : "");
      dump_time(out, n.time);
      out << ")";
      return;
    case NodeKind::Paren: out << "(paren"; children(); out << ")"; return;
    case NodeKind::Unary: out << "(" << n.op_text; children(); out << ")"; return;
    case NodeKind::Binary:
      out << "(" << binary_op_text(n.binary_op);
      if (n.return_bool) out << " bool";
      if (n.matching && n.matching->has_labels_clause) {
        dump_labels(out, n.matching->on ? "on" : "ignoring", n.matching->labels);
        if (n.matching->card == Cardinality::ManyToOne) dump_labels(out, "group_left", n.matching->include);
        if (n.matching->card == Cardinality::OneToMany) dump_labels(out, "group_right", n.matching->include);
      }
      children();
      out << ")";
      return;
    case NodeKind::Call: out << "(call " << n.name; children(); out << ")"; return;
    case NodeKind::Aggregate:
      out << "(" << aggregate_op_text(n.aggregate_op);
      if (n.has_grouping) dump_labels(out, n.without ? "without" : "by", n.grouping);
      children();
      out << ")";
      return;
  }
}

}  // namespace

void walk(const Node& node, const std::function<void(const Node&)>& visit) {
  visit(node);
  for (const auto& child : node.children) walk(*child, visit);
}

std::string dump(const Node& node) {
  std::ostringstream out;
  dump_to(out, node);
  return out.str();
}

}  // namespace symptree::promql
