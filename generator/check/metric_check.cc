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

// The exporter's metrics that were renamed, with how to read the new one.
// Ages became timestamps (Prometheus' naming guide): an age is `time() - new`.
struct RenamedMetric {
  const char* old_name;
  const char* new_name;
};
constexpr RenamedMetric kRenamedMetrics[] = {
    {"symptree_backup_newest_age_seconds", "symptree_backup_newest_timestamp_seconds"},
    {"symptree_directory_newest_file_age_seconds", "symptree_directory_newest_file_timestamp_seconds"},
    {"symptree_directory_oldest_file_age_seconds", "symptree_directory_oldest_file_timestamp_seconds"},
    {"symptree_directory_index_age_seconds", "symptree_directory_index_timestamp_seconds"},
};

const RenamedMetric* renamed(const std::string& metric) {
  for (const RenamedMetric& r : kRenamedMetrics) {
    if (metric == r.old_name) return &r;
  }
  return nullptr;
}

void report_unknown(const Model& model, const std::string& metric, const SourcePosition& where,
                    Diagnostics& diagnostics) {
  if (const RenamedMetric* r = renamed(metric)) {
    diagnostics.error(where, "metric '" + metric + "' was renamed to '" + r->new_name +
                                 "', a Unix timestamp rather than an age (README, \"Migrating: ages are timestamps\")",
                      std::string("write the age as `time() - ") + r->new_name +
                          "{...}`; the comparison stays as it was");
    return;
  }
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

}  // namespace

void check_metrics(const Model& model, Diagnostics& diagnostics) {
  std::set<std::string> app_metrics = app_metric_names(model);
  for (const Node& node : model.nodes) {
    if (node.when) {
      for (const MetricReference& ref : node.when->analysis.metrics) {
        if (!is_known(model, app_metrics, ref.name)) report_unknown(model, ref.name, node.when->position_at(ref.offset), diagnostics);
      }
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
