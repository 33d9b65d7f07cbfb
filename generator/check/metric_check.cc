// "No blind spots": every metric a condition reads has a producer.
#include "generator/check/metric_check.h"

#include <set>

#include "common/probe_catalog.h"

namespace symptree {
namespace {

// Every metric name a condition may use in this spec.
std::vector<std::string> known_metrics(const Model& model) {
  std::vector<std::string> names;
  for (const AppMetric& metric : model.app_metrics) names.push_back(metric.name);
  for (const ProbeKind& kind : probe_catalog()) {
    if (!model.host.has_probe_kind(kind.key)) continue;
    for (const MetricInfo& info : kind.metrics) names.push_back(info.name);
  }
  return names;
}

// The app metrics, for lookups.
std::set<std::string> app_metric_names(const Model& model) {
  std::set<std::string> names;
  for (const AppMetric& app : model.app_metrics) names.insert(app.name);
  return names;
}

bool is_known(const Model& model, const std::set<std::string>& app_metrics, const std::string& metric) {
  if (is_builtin_metric(metric) || app_metrics.count(metric)) return true;
  const ProbeKind* kind = probe_for_metric(metric);
  return kind && model.host.has_probe_kind(kind->key);
}

void report_unknown(const Model& model, const std::string& metric, const SourcePosition& where,
                    Diagnostics& diagnostics) {
  if (const ProbeKind* kind = probe_for_metric(metric)) {
    diagnostics.error(where, "metric '" + metric + "' comes from the '" + kind->key + "' probe, but host." + kind->key +
                                 " configures none",
                      "add an entry under host." + kind->key);
    return;
  }
  std::string close = closest_match(metric, known_metrics(model));
  diagnostics.error(where, "unknown metric '" + metric + "': no host probe produces it and app_metrics does not list it",
                    close.empty() ? "list it under app_metrics if the service exposes it" : "did you mean '" + close + "'?");
}

// The names of configured probes that a label of `kind` may refer to.
std::vector<std::string> probe_names(const HostConfig& host, const std::string& kind) {
  std::vector<std::string> names;
  if (kind == "filesystems") for (const auto& p : host.filesystems) names.push_back(p.name);
  if (kind == "directories") for (const auto& p : host.directories) names.push_back(p.name);
  if (kind == "processes") for (const auto& p : host.processes) names.push_back(p.name);
  if (kind == "certificates") for (const auto& p : host.certificates) names.push_back(p.name);
  if (kind == "http") for (const auto& p : host.http) names.push_back(p.name);
  if (kind == "backups") for (const auto& p : host.backups) names.push_back(p.name);
  if (kind == "ports") for (const auto& p : host.ports) names.push_back(std::to_string(p.port));
  return names;
}

// A simple comparison on a probe metric must select a configured probe.
void check_probe_labels(const Model& model, const Condition& condition, Diagnostics& diagnostics) {
  for (const SimpleComparison& comparison : condition.analysis.alternatives) {
    const ProbeKind* kind = probe_for_metric(comparison.metric);
    if (!kind || !model.host.has_probe_kind(kind->key)) continue;  // an unconfigured kind is reported once, as such
    std::string key = kind->key == "ports" ? "port" : "name";
    for (const auto& [label, value] : comparison.matchers) {
      if (label != key) continue;
      std::vector<std::string> names = probe_names(model.host, kind->key);
      bool found = false;
      for (const std::string& n : names) found = found || n == value;
      if (!found) {
        // The quoted value, not an earlier occurrence inside the metric name.
        size_t offset = condition.expr.find("\"" + value + "\"");
        if (offset == std::string::npos) offset = condition.expr.find("'" + value + "'");
        offset = offset == std::string::npos ? condition.expr.find(value) : offset + 1;
        diagnostics.error(condition.position_at(offset == std::string::npos ? 0 : offset),
                          "no " + kind->key + " probe has " + key + " '" + value + "'", suggestion(value, names));
      }
    }
  }
}

}  // namespace

void check_metrics(const Model& model, Diagnostics& diagnostics) {
  std::set<std::string> app_metrics = app_metric_names(model);
  for (const Node& node : model.nodes) {
    if (node.when) {
      for (const MetricReference& ref : node.when->analysis.metrics) {
        if (!is_known(model, app_metrics, ref.name)) report_unknown(model, ref.name, node.when->position_at(ref.offset), diagnostics);
      }
      check_probe_labels(model, *node.when, diagnostics);
    }
    if (!node.examples) continue;
    for (const auto* list : {&node.examples->firing, &node.examples->quiet}) {
      for (const ExampleSeries& series : *list) {
        if (!is_known(model, app_metrics, series.metric)) report_unknown(model, series.metric, series.where, diagnostics);
      }
    }
  }
}

}  // namespace symptree
