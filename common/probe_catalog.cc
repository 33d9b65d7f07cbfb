// The catalogue of exporter metrics, by probe kind.
#include "common/probe_catalog.h"

namespace symptree {

const std::vector<ProbeKind>& probe_catalog() {
  static const std::vector<ProbeKind> catalog = {
      {"filesystems", "filesystem",
       {{"symptree_filesystem_size_bytes", "gauge", "Filesystem size in bytes.", {"name"}},
        {"symptree_filesystem_free_bytes", "gauge", "Free bytes, including those reserved for root.", {"name"}},
        {"symptree_filesystem_avail_bytes", "gauge", "Bytes available to unprivileged users.", {"name"}},
        {"symptree_filesystem_used_ratio", "gauge", "Used fraction as df reports it: used / (used + avail).", {"name"}},
        {"symptree_filesystem_files", "gauge", "Total inodes.", {"name"}},
        {"symptree_filesystem_files_free", "gauge", "Free inodes.", {"name"}},
        {"symptree_filesystem_readonly", "gauge", "1 when the filesystem is mounted read-only.", {"name"}}}},
      {"directories", "directory",
       {{"symptree_directory_size_bytes", "gauge", "Total size of regular files under the directory.", {"name"}},
        {"symptree_directory_files", "gauge", "Number of regular files under the directory.", {"name"}},
        {"symptree_directory_newest_file_age_seconds", "gauge", "Age of the most recently modified file.", {"name"}},
        {"symptree_directory_oldest_file_age_seconds", "gauge", "Age of the least recently modified file.", {"name"}},
        {"symptree_directory_bad_magic_files", "gauge", "Files whose first bytes do not match the configured magic.", {"name"}},
        {"symptree_directory_writable", "gauge", "1 when the configured user can create files in the directory.", {"name"}}}},
      {"ports", "port",
       {{"symptree_port_listening", "gauge", "1 when a socket listens on the port.", {"port"}},
        {"symptree_port_foreign_owner", "gauge", "1 when the port is held by a process other than its configured owner.", {"port"}},
        {"symptree_port_owner_info", "gauge", "The process holding the port, as a label; always 1.", {"port", "process"}}}},
      {"processes", "process",
       {{"symptree_process_up", "gauge", "1 when a process with this name runs.", {"name"}},
        {"symptree_process_start_time_seconds", "gauge", "Start time of the oldest matching process, Unix seconds.", {"name"}},
        {"symptree_process_restarts_total", "counter", "Restarts seen by the exporter (a new start time).", {"name"}}}},
      {"certificates", "certificate",
       {{"symptree_certificate_not_before_timestamp_seconds", "gauge", "Certificate notBefore, Unix seconds.", {"name"}},
        {"symptree_certificate_not_after_timestamp_seconds", "gauge", "Certificate notAfter, Unix seconds.", {"name"}},
        {"symptree_certificate_valid", "gauge", "1 when the certificate parses, is within its validity period and matches its key.", {"name"}},
        {"symptree_certificate_key_match", "gauge", "1 when the configured private key matches the certificate.", {"name"}},
        {"symptree_certificate_parse_failures_total", "counter", "Times the certificate file could not be parsed.", {"name"}}}},
      {"http", "http",
       {{"symptree_http_probe_success", "gauge", "1 when the probe got the expected status in time.", {"name"}},
        {"symptree_http_probe_status_code", "gauge", "HTTP status code of the last probe, 0 when none.", {"name"}},
        {"symptree_http_probe_duration_seconds", "gauge", "Duration of the last probe.", {"name"}}}},
      {"backups", "backup",
       {{"symptree_backup_newest_age_seconds", "gauge", "Age of the newest backup.", {"name"}},
        {"symptree_backup_found", "gauge", "Number of backups found (a name matching the glob).", {"name"}},
        {"symptree_backup_metadata_ok", "gauge", "1 when the newest backup's metadata file is readable and parses.", {"name"}},
        {"symptree_backup_metadata_field", "gauge", "A numeric field of the newest backup's metadata.", {"name", "field"}}}},
      {"memory", "memory",
       {{"symptree_memory_total_bytes", "gauge", "MemTotal from /proc/meminfo.", {}},
        {"symptree_memory_available_bytes", "gauge", "MemAvailable from /proc/meminfo.", {}},
        {"symptree_memory_used_ratio", "gauge", "1 - MemAvailable / MemTotal.", {}}}},
  };
  return catalog;
}

const std::vector<MetricInfo>& exporter_self_metrics() {
  static const std::vector<MetricInfo> metrics = {
      {"symptree_collector_success", "gauge", "1 when the collector's last run succeeded within its timeout.", {"collector"}},
      {"symptree_collector_duration_seconds", "gauge", "Duration of the collector's last run.", {"collector"}},
      {"symptree_exporter_build_info", "gauge", "Build information; always 1.", {"version"}},
  };
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
