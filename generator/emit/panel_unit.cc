// Units through the syntax tree. Internally "" means a plain number (a literal
// or a count), "timestamp" a point in time (seconds since the epoch), which
// Grafana draws as a date but whose differences are durations, and "s/s" the
// rate of a seconds counter (drawn as a share of the time; divided by a rate of
// events, seconds per event).
#include "generator/emit/panel_unit.h"

#include <set>

#include "common/probe_catalog.h"
#include "generator/promql/parser.h"

namespace symptree {
namespace {

using promql::BinaryOp;
using promql::Node;
using promql::NodeKind;

const char* kTimestamp = "timestamp";
const char* kSecondsPerSecond = "s/s";

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string without_suffix(std::string name) {
  for (const char* suffix : {"_bucket", "_total", "_sum", "_count"}) {
    if (ends_with(name, suffix)) return name.substr(0, name.size() - std::string(suffix).size());
  }
  return name;
}

// A gauge that is 1 or 0: the exporter documents it as "1 when ...", or it is an `up`.
bool is_boolean_metric(const std::string& metric) {
  if (metric == "up" || ends_with(metric, "_up")) return true;
  const ProbeKind* probe = probe_for_metric(metric);
  if (!probe) return false;
  for (const MetricInfo& info : probe->metrics) {
    if (info.name == metric) return info.help.rfind("1 when", 0) == 0;
  }
  return false;
}

// The unit of a metric's own values, from its name.
std::string metric_unit(const std::string& metric) {
  if (ends_with(metric, "_count")) return "";  // a histogram's or summary's count of events
  std::string base = without_suffix(metric);
  if (ends_with(base, "_bytes")) return "bytes";
  if (ends_with(base, "_ratio")) return "percentunit";
  if (ends_with(base, "_percent")) return "percent";
  if (ends_with(base, "_timestamp_seconds") || ends_with(base, "_timestamp")) return kTimestamp;
  if (ends_with(base, "_seconds")) return "s";
  if (ends_with(base, "_celsius")) return "celsius";
  if (is_boolean_metric(metric)) return "bool";
  return "";
}

std::string selector_metric(const Node& selector) {
  if (!selector.metric.empty()) return selector.metric;
  for (const promql::Matcher& m : selector.matchers) {
    if (m.name == "__name__" && m.op == promql::MatchOp::Equal) return m.value;
  }
  return "";
}

// The unit of a counter's (or gauge's) change per second.
std::string per_second(const std::string& unit) {
  if (unit == "bytes") return "Bps";
  if (unit == "s") return kSecondsPerSecond;
  return "cps";
}

std::string unit_of(const Node& node);

// The unit of the bucket metric under histogram_quantile (its `le` bounds), whatever rate() is around it.
std::string bucket_unit(const Node& buckets) {
  std::string unit;
  promql::walk(buckets, [&](const Node& node) {
    if (unit.empty() && node.kind == NodeKind::VectorSelector) unit = metric_unit(selector_metric(node));
  });
  return unit;
}

std::string call_unit(const Node& node) {
  static const std::set<std::string> same = {"abs", "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max",
                                             "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                                             "last_over_time", "quantile_over_time", "sort", "sort_desc",
                                             "label_replace", "label_join", "increase", "delta", "idelta",
                                             "predict_linear", "holt_winters"};
  const std::string& f = node.name;
  if (f == "time" || f == "timestamp") return kTimestamp;
  if (f == "rate" || f == "irate") return per_second(unit_of(node.child(0)));
  if (f == "deriv") return unit_of(node.child(0)) == "bytes" ? "Bps" : "";
  if (f == "histogram_quantile") return bucket_unit(node.child(1));
  if (f == "absent" || f == "absent_over_time") return "bool";
  if (f == "quantile_over_time") return unit_of(node.child(1));
  if (same.count(f) && !node.children.empty()) {
    std::string unit = unit_of(node.child(0));
    bool counts = (f == "increase" || f == "delta" || f == "idelta") && unit == "bool";
    return counts ? "" : unit;
  }
  return "";
}

std::string aggregate_unit(const Node& node) {
  using promql::AggregateOp;
  switch (node.aggregate_op) {
    case AggregateOp::Count: case AggregateOp::CountValues: case AggregateOp::Group: return "";
    default: return unit_of(node.aggregated());
  }
}

std::string binary_unit(const Node& node) {
  std::string lhs = unit_of(node.child(0)), rhs = unit_of(node.child(1));
  if (promql::is_comparison(node.binary_op)) return node.return_bool ? "bool" : lhs.empty() ? rhs : lhs;
  if (promql::is_set_operator(node.binary_op)) return lhs;
  bool lhs_number = node.child(0).type() == promql::ValueType::Scalar && lhs.empty();
  bool rhs_number = node.child(1).type() == promql::ValueType::Scalar && rhs.empty();
  switch (node.binary_op) {
    case BinaryOp::Add: case BinaryOp::Sub:
      if (lhs == kTimestamp && rhs == kTimestamp) return node.binary_op == BinaryOp::Sub ? "s" : "";
      // time() - x or x - time() with x a series: an age or a time left (x is a point in time
      // whatever its name says, e.g. pg_postmaster_start_time_seconds).
      if (node.binary_op == BinaryOp::Sub &&
          ((lhs == kTimestamp && node.child(1).type() == promql::ValueType::Vector) ||
           (rhs == kTimestamp && node.child(0).type() == promql::ValueType::Vector))) {
        return "s";
      }
      if (lhs == kTimestamp || rhs == kTimestamp) return kTimestamp;  // a point in time moved by a duration
      return lhs.empty() ? rhs : lhs;
    case BinaryOp::Div:
      if (!lhs.empty() && lhs == rhs) return "percentunit";  // a ratio of like quantities
      if (rhs == "cps" && lhs == kSecondsPerSecond) return "s";   // seconds per event: a latency
      if (rhs == "cps" && lhs == "Bps") return "bytes";           // bytes per event
      if (rhs_number) return "";                             // scaled: no longer in its own unit
      return lhs;                                            // per something: bytes per request
    case BinaryOp::Mul:
      if ((lhs == "percentunit" || lhs == kSecondsPerSecond) && rhs_number) return "percent";  // ratio * 100, assumed
      if ((rhs == "percentunit" || rhs == kSecondsPerSecond) && lhs_number) return "percent";
      if (lhs_number) return rhs;
      if (rhs_number) return lhs;
      return "";
    default: return "";
  }
}

std::string unit_of(const Node& node) {
  switch (node.kind) {
    case NodeKind::VectorSelector: return metric_unit(selector_metric(node));
    case NodeKind::MatrixSelector: case NodeKind::Subquery: case NodeKind::Paren: case NodeKind::Unary:
      return unit_of(node.child(0));
    case NodeKind::Call: return call_unit(node);
    case NodeKind::Aggregate: return aggregate_unit(node);
    case NodeKind::Binary: return binary_unit(node);
    default: return "";
  }
}

}  // namespace

std::string expression_unit(const promql::Node& expr) {
  std::string unit = unit_of(expr);
  if (unit == kTimestamp) return "dateTimeAsIso";
  if (unit == kSecondsPerSecond) return "percentunit";
  return unit.empty() ? "short" : unit;
}

std::string grafana_unit(const std::string& expression) {
  promql::ParseResult parsed = promql::parse_promql(expression);
  if (!parsed.ok()) return "short";
  return expression_unit(*parsed.expr);
}

}  // namespace symptree
