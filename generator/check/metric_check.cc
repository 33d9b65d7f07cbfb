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
  for (const Source& source : model.sources) names.insert(names.end(), source.metrics.begin(), source.metrics.end());
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
  if (is_builtin_metric(metric) || app_metrics.count(metric) || model.source_of(metric)) return true;
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
  diagnostics.error(where, "unknown metric '" + metric + "': no host probe produces it, app_metrics does not list it and no source owns it",
                    close.empty() ? "list it under app_metrics if the service exposes it, or under the sources: entry of the job that does"
                                  : "did you mean '" + close + "'?");
}

// The sources that claim `metric`: "the service (app_metrics)", "symptree-exporter", "source 'pg'".
std::vector<std::string> owners(const Model& model, const std::set<std::string>& app_metrics, const std::string& metric) {
  std::vector<std::string> found;
  if (app_metrics.count(metric)) found.push_back("the service (app_metrics)");
  if (probe_for_metric(metric)) found.push_back("symptree-exporter");
  for (const Source& source : model.sources) {
    if (source.owns(metric)) found.push_back("source '" + source.name + "'");
  }
  return found;
}

// A metric two sources claim: its absence alert and its test series would not
// know whose `up` and labels to use. Reported once, at its first use.
void check_one_owner(const Model& model, const std::set<std::string>& app_metrics, const std::string& metric,
                     const SourcePosition& where, std::set<std::string>& reported, Diagnostics& diagnostics) {
  if (is_builtin_metric(metric)) return;
  std::vector<std::string> found = owners(model, app_metrics, metric);
  if (found.size() < 2 || !reported.insert(metric).second) return;
  diagnostics.error(where, "metric '" + metric + "' is claimed by " + found[0] + " and " + found[1],
                    "each metric comes from one scrape job: narrow the sources' prefixes or list it in one place only "
                    "(reported at its first use only)");
}

// Checks one metric name a condition or an example reads.
class ReferenceChecker {
 public:
  ReferenceChecker(const Model& model, Diagnostics& diagnostics)
      : model_(model), app_metrics_(app_metric_names(model)), diagnostics_(diagnostics) {}

  void check(const std::string& metric, const SourcePosition& where) {
    if (!is_known(model_, app_metrics_, metric)) {
      report_unknown(model_, metric, where, diagnostics_);
    } else {
      check_one_owner(model_, app_metrics_, metric, where, two_owners_reported_, diagnostics_);
    }
  }

 private:
  const Model& model_;
  std::set<std::string> app_metrics_;
  Diagnostics& diagnostics_;
  std::set<std::string> two_owners_reported_;
};

}  // namespace

void check_metrics(const Model& model, Diagnostics& diagnostics) {
  ReferenceChecker references(model, diagnostics);
  for (const Node& node : model.nodes) {
    if (node.when) {
      for (const MetricReference& ref : node.when->analysis.metrics) references.check(ref.name, node.when->position_at(ref.offset));
    }
    if (!node.examples) continue;
    for (const auto* list : {&node.examples->firing, &node.examples->quiet}) {
      for (const ExampleSeries& series : *list) {
        references.check(series.metric, series.where);
      }
    }
  }
}

}  // namespace symptree
