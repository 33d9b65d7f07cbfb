// The scrape job of a metric and of the series an expression keeps.
#include "generator/model/series_job.h"

#include <algorithm>

#include "common/probe_catalog.h"
#include "generator/promql/functions.h"

namespace symptree {
namespace {

bool is_exporter_metric(const std::string& metric) {
  if (probe_for_metric(metric)) return true;
  const std::vector<MetricInfo>& self = exporter_self_metrics();
  return std::any_of(self.begin(), self.end(), [&](const MetricInfo& info) { return info.name == metric; });
}

bool is_app_metric(const Model& model, const std::string& metric) {
  return std::any_of(model.app_metrics.begin(), model.app_metrics.end(),
                     [&](const AppMetric& app) { return app.name == metric; });
}

// A selector: its `job="x"` matcher, else its metric's owner.
std::optional<std::string> selector_job(const Model& model, const promql::Node& selector) {
  for (const promql::Matcher& m : selector.matchers) {
    if (m.name == "job" && m.op == promql::MatchOp::Equal) return m.value;
  }
  if (selector.metric.empty()) return std::nullopt;  // {__name__=~"..."}: any metric
  return metric_job(model, selector.metric);
}

// `absent(x{job="a"})`: the result carries only the argument's equality matchers.
std::optional<std::string> absent_job(const promql::Node& call) {
  if (call.children.empty()) return std::nullopt;
  const promql::Node* selector = &call.child(0);
  if (selector->kind == promql::NodeKind::MatrixSelector) selector = &selector->child(0);  // absent_over_time
  if (selector->kind != promql::NodeKind::VectorSelector) return std::nullopt;
  for (const promql::Matcher& m : selector->matchers) {
    if (m.name == "job" && m.op == promql::MatchOp::Equal) return m.value;
  }
  return std::nullopt;
}

std::optional<std::string> call_job(const Model& model, const promql::Node& call) {
  const promql::Function* function = call.function;
  if (!function) return std::nullopt;
  if (function->labels == promql::LabelEffect::Absent) return absent_job(call);
  if (function->vector_arg < 0 || function->labels == promql::LabelEffect::NoLabels) return std::nullopt;
  if (function->labels == promql::LabelEffect::Replace) {
    // The label written: a new job, or an instance not of the scrape target.
    if (call.children.size() < 2 || call.child(1).kind != promql::NodeKind::String) return std::nullopt;
    if (call.child(1).text == "job" || call.child(1).text == "instance") return std::nullopt;
  }
  size_t arg = static_cast<size_t>(function->vector_arg);
  if (arg >= call.children.size()) return std::nullopt;
  return series_job(model, call.child(arg));
}

bool lists(const std::vector<std::string>& labels, const std::string& label) {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}

// Between two vectors the result keeps one side's series (both for `or`);
// group_left (job, instance) copies the other side's target labels onto them,
// and a copy of only one of the two leaves a target of neither job.
std::optional<std::string> binary_job(const Model& model, const promql::Node& binary) {
  std::optional<std::string> left = series_job(model, binary.child(0));
  std::optional<std::string> right = series_job(model, binary.child(1));
  if (!binary.matching) return binary.child(0).type() == promql::ValueType::Vector ? left : right;
  if (binary.binary_op == promql::BinaryOp::Or) return left == right ? left : std::nullopt;
  const promql::VectorMatching& m = *binary.matching;
  bool keeps_right = m.card == promql::Cardinality::OneToMany;
  bool copies_job = lists(m.include, "job");
  if (copies_job != lists(m.include, "instance")) return std::nullopt;
  return keeps_right != copies_job ? right : left;
}

}  // namespace

std::optional<std::string> metric_job(const Model& model, const std::string& metric) {
  if (const Source* source = model.source_of(metric)) return source->job;
  if (is_exporter_metric(metric)) return model.exporter_job;
  if (is_app_metric(model, metric)) return model.service_job;
  return std::nullopt;
}

std::optional<std::string> series_job(const Model& model, const promql::Node& expr) {
  switch (expr.kind) {
    case promql::NodeKind::VectorSelector:
      return selector_job(model, expr);
    case promql::NodeKind::MatrixSelector:
    case promql::NodeKind::Subquery:
    case promql::NodeKind::Paren:
    case promql::NodeKind::Unary:
      return series_job(model, expr.child(0));
    case promql::NodeKind::Aggregate:
      return series_job(model, expr.aggregated());
    case promql::NodeKind::Call:
      return call_job(model, expr);
    case promql::NodeKind::Binary:
      return binary_job(model, expr);
    case promql::NodeKind::Number:
    case promql::NodeKind::String:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace symptree
