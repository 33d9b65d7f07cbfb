// The catalogue of exporter metrics, by probe kind, built from the constants
// of probe_metrics.h.
#include "common/probe_catalog.h"

#include "common/probe_metrics.h"

namespace symptree {

namespace {

template <CollectorId C, size_t N>
MetricInfo info(const MetricDef<C, N>& def) {
  return {std::string(def.name), std::string(def.type), std::string(def.help),
          std::vector<std::string>(def.labels.begin(), def.labels.end())};
}

// A catalogue entry: the `host:` key and the collector id, with its metrics.
ProbeKind kind(std::string key, CollectorId id, std::vector<MetricInfo> metrics) {
  return {std::move(key), std::string(collector_name(id)), std::move(metrics)};
}

}  // namespace

const std::vector<ProbeKind>& probe_catalog() {
  using namespace metric;
  static const std::vector<ProbeKind> catalog = {
      kind("filesystems", C::filesystem,
           {info(filesystem_size_bytes), info(filesystem_free_bytes), info(filesystem_avail_bytes),
            info(filesystem_used_ratio), info(filesystem_files), info(filesystem_files_free),
            info(filesystem_readonly)}),
      kind("directories", C::directory,
           {info(directory_size_bytes), info(directory_files), info(directory_newest_file_age_seconds),
            info(directory_oldest_file_age_seconds), info(directory_bad_magic_files), info(directory_writable)}),
      kind("ports", C::port, {info(port_listening), info(port_foreign_owner), info(port_owner_info)}),
      kind("processes", C::process,
           {info(process_up), info(process_start_time_seconds), info(process_restarts_total)}),
      kind("certificates", C::certificate,
           {info(certificate_not_before_timestamp_seconds), info(certificate_not_after_timestamp_seconds),
            info(certificate_valid), info(certificate_key_match), info(certificate_parse_failures_total)}),
      kind("http", C::http, {info(http_probe_success), info(http_probe_status_code), info(http_probe_duration_seconds)}),
      kind("backups", C::backup,
           {info(backup_newest_age_seconds), info(backup_found), info(backup_metadata_ok),
            info(backup_metadata_field)}),
      kind("memory", C::memory, {info(memory_total_bytes), info(memory_available_bytes), info(memory_used_ratio)}),
  };
  return catalog;
}

const std::vector<MetricInfo>& exporter_self_metrics() {
  using namespace metric;
  static const std::vector<MetricInfo> metrics = {info(collector_success), info(collector_duration_seconds),
                                                  info(exporter_build_info)};
  return metrics;
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
