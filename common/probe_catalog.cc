// The catalogue of exporter metrics, by probe kind: the constants of
// probe_metrics.h grouped by the collector that owns them.
#include "common/probe_catalog.h"

#include "common/probe_metrics.h"

namespace symptree {

namespace {

MetricInfo info(const MetricEntry& entry) {
  return {std::string(entry.name), std::string(entry.type), std::string(entry.help),
          std::vector<std::string>(entry.labels, entry.labels + entry.label_count)};
}

std::vector<MetricInfo> metrics_of(CollectorId owner) {
  std::vector<MetricInfo> metrics;
  for (const MetricEntry& entry : kAllMetrics) {
    if (entry.owner == owner) metrics.push_back(info(entry));
  }
  return metrics;
}

std::vector<ProbeKind> build_catalog() {
  std::vector<ProbeKind> catalog;
  for (size_t i = 0; i < kCollectors.size(); ++i) {
    if (kCollectors[i].key.empty()) continue;  // the exporter's own metrics
    catalog.push_back({std::string(kCollectors[i].key), std::string(kCollectors[i].name),
                       metrics_of(static_cast<CollectorId>(i)), kCollectors[i].always});
  }
  return catalog;
}

}  // namespace

const std::vector<ProbeKind>& probe_catalog() {
  static const std::vector<ProbeKind> catalog = build_catalog();
  return catalog;
}

const std::vector<MetricInfo>& exporter_self_metrics() {
  static const std::vector<MetricInfo> metrics = metrics_of(CollectorId::exporter);
  return metrics;
}

bool probe_kind_runs_always(const std::string& key, const std::vector<ProbeKind>& catalog) {
  for (const ProbeKind& kind : catalog) {
    if (kind.key == key) return kind.always;
  }
  return false;
}

const ProbeKind* probe_for_metric(const std::string& metric) {
  for (const ProbeKind& kind : probe_catalog()) {
    for (const MetricInfo& info : kind.metrics) {
      if (info.name == metric) return &kind;
    }
  }
  return nullptr;
}

bool is_builtin_metric(const std::string& metric) {
  return metric == "up" || metric == "ALERTS" || metric == "ALERTS_FOR_STATE" ||
         metric.rfind("scrape_", 0) == 0;
}

}  // namespace symptree
