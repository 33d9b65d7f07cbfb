// The exporter's collectors and metrics as compile-time constants: the single
// source of the catalogue (probe_catalog.cc only groups kAllMetrics by owner).
// A constant's type carries the collector that owns it and its number of
// labels, so a collector that emits another collector's metric, a misspelt
// name or the wrong number of labels does not compile. A new probe kind is an
// enum value, a row of kCollectors, its constants and their kAllMetrics entries.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace symptree {

// Who emits a metric: one of the collectors, or the exporter itself.
enum class CollectorId { filesystem, directory, port, process, certificate, http, backup, memory, exporter };

// A collector: its `collector` label (and registered name), and the key under
// `host:` in the spec and in exporter.yml that configures it (empty: none, the
// exporter itself). A collector that needs no settings is `always` on (it
// registers Enabled::always): its key, by convention its name, names the kind
// in messages and configures nothing; every host has the kind.
struct CollectorInfo {
  std::string_view name;
  std::string_view key;
  bool always = false;
};

// By CollectorId, in catalogue order.
inline constexpr std::array<CollectorInfo, 9> kCollectors = {{
    {"filesystem", "filesystems"},
    {"directory", "directories"},
    {"port", "ports"},
    {"process", "processes"},
    {"certificate", "certificates"},
    {"http", "http"},
    {"backup", "backups"},
    {"memory", "memory"},
    {"exporter", ""},
}};

constexpr std::string_view collector_name(CollectorId id) { return kCollectors[static_cast<size_t>(id)].name; }

// A metric without its compile-time shape, for the catalogue's lists.
struct MetricEntry {
  CollectorId owner;
  std::string_view name;
  std::string_view type;
  std::string_view help;
  const std::string_view* labels;
  size_t label_count;
};

// One metric family: owned by collector C, with N labels.
template <CollectorId C, size_t N>
struct MetricDef {
  std::string_view name;
  std::string_view type;  // "gauge" or "counter"
  std::string_view help;
  std::array<std::string_view, N> labels;

  constexpr MetricEntry entry() const { return {C, name, type, help, labels.data(), N}; }
};

namespace metric {

using C = CollectorId;
template <C Owner, size_t N>
using Def = MetricDef<Owner, N>;

inline constexpr Def<C::filesystem, 1> filesystem_size_bytes{"symptree_filesystem_size_bytes", "gauge", "Filesystem size in bytes.", {"name"}};
inline constexpr Def<C::filesystem, 1> filesystem_free_bytes{"symptree_filesystem_free_bytes", "gauge", "Free bytes, including those reserved for root.", {"name"}};
inline constexpr Def<C::filesystem, 1> filesystem_avail_bytes{"symptree_filesystem_avail_bytes", "gauge", "Bytes available to unprivileged users.", {"name"}};
inline constexpr Def<C::filesystem, 1> filesystem_used_ratio{"symptree_filesystem_used_ratio", "gauge", "Used fraction as df reports it: used / (used + avail).", {"name"}};
inline constexpr Def<C::filesystem, 1> filesystem_files{"symptree_filesystem_files", "gauge", "Total inodes.", {"name"}};
inline constexpr Def<C::filesystem, 1> filesystem_files_free{"symptree_filesystem_files_free", "gauge", "Free inodes.", {"name"}};
inline constexpr Def<C::filesystem, 1> filesystem_readonly{"symptree_filesystem_readonly", "gauge", "1 when the filesystem is mounted read-only.", {"name"}};

inline constexpr Def<C::directory, 1> directory_size_bytes{"symptree_directory_size_bytes", "gauge", "Total size of regular files under the directory.", {"name"}};
inline constexpr Def<C::directory, 1> directory_files{"symptree_directory_files", "gauge", "Number of regular files under the directory.", {"name"}};
inline constexpr Def<C::directory, 1> directory_newest_file_timestamp_seconds{"symptree_directory_newest_file_timestamp_seconds", "gauge", "Modification time of the most recently modified file, Unix seconds.", {"name"}};
inline constexpr Def<C::directory, 1> directory_oldest_file_timestamp_seconds{"symptree_directory_oldest_file_timestamp_seconds", "gauge", "Modification time of the least recently modified file, Unix seconds.", {"name"}};
inline constexpr Def<C::directory, 1> directory_bad_magic_files{"symptree_directory_bad_magic_files", "gauge", "Files whose first bytes do not match the configured magic.", {"name"}};
inline constexpr Def<C::directory, 1> directory_complete{"symptree_directory_complete", "gauge", "1 when the totals are current and cover the whole tree; 0 while a subtree is unreadable or too deep, or a walk has not finished (the log names the path and why).", {"name"}};
inline constexpr Def<C::directory, 1> directory_index_timestamp_seconds{"symptree_directory_index_timestamp_seconds", "gauge", "When the directory totals were last known current, Unix seconds (about now while inotify keeps them current; falls behind while a walk is pending).", {"name"}};
inline constexpr Def<C::directory, 1> directory_writable{"symptree_directory_writable", "gauge", "1 when the configured user can create files in the directory.", {"name"}};

inline constexpr Def<C::port, 1> port_listening{"symptree_port_listening", "gauge", "1 when a socket listens on the port.", {"port"}};
inline constexpr Def<C::port, 1> port_foreign_owner{"symptree_port_foreign_owner", "gauge", "1 when the port is held by a process other than its configured owner.", {"port"}};
inline constexpr Def<C::port, 2> port_owner_info{"symptree_port_owner_info", "gauge", "The process holding the port, as a label; always 1.", {"port", "process"}};

inline constexpr Def<C::process, 1> process_up{"symptree_process_up", "gauge", "1 when a process with this name runs.", {"name"}};
inline constexpr Def<C::process, 1> process_start_time_seconds{"symptree_process_start_time_seconds", "gauge", "Start time of the oldest matching process, Unix seconds.", {"name"}};
inline constexpr Def<C::process, 1> process_restarts_total{"symptree_process_restarts_total", "counter", "Restarts seen by the exporter (a new start time).", {"name"}};

inline constexpr Def<C::certificate, 1> certificate_not_before_timestamp_seconds{"symptree_certificate_not_before_timestamp_seconds", "gauge", "Certificate notBefore, Unix seconds.", {"name"}};
inline constexpr Def<C::certificate, 1> certificate_not_after_timestamp_seconds{"symptree_certificate_not_after_timestamp_seconds", "gauge", "Certificate notAfter, Unix seconds.", {"name"}};
inline constexpr Def<C::certificate, 1> certificate_valid{"symptree_certificate_valid", "gauge", "1 when the certificate parses, is within its validity period and matches its key.", {"name"}};
inline constexpr Def<C::certificate, 1> certificate_key_match{"symptree_certificate_key_match", "gauge", "1 when the configured private key matches the certificate.", {"name"}};
inline constexpr Def<C::certificate, 1> certificate_parse_failures_total{"symptree_certificate_parse_failures_total", "counter", "Times the certificate file could not be parsed.", {"name"}};

inline constexpr Def<C::http, 1> http_probe_success{"symptree_http_probe_success", "gauge", "1 when the probe got the expected status in time.", {"name"}};
inline constexpr Def<C::http, 1> http_probe_status_code{"symptree_http_probe_status_code", "gauge", "HTTP status code of the last probe, 0 when none.", {"name"}};
inline constexpr Def<C::http, 1> http_probe_duration_seconds{"symptree_http_probe_duration_seconds", "gauge", "Duration of the last probe.", {"name"}};

inline constexpr Def<C::backup, 1> backup_newest_timestamp_seconds{"symptree_backup_newest_timestamp_seconds", "gauge", "Modification time of the newest backup, Unix seconds.", {"name"}};
inline constexpr Def<C::backup, 1> backup_found{"symptree_backup_found", "gauge", "Number of backups found (a name matching the glob).", {"name"}};
inline constexpr Def<C::backup, 1> backup_metadata_ok{"symptree_backup_metadata_ok", "gauge", "1 when the newest backup's metadata file is readable and parses.", {"name"}};
inline constexpr Def<C::backup, 2> backup_metadata_field{"symptree_backup_metadata_field", "gauge", "A numeric field of the newest backup's metadata.", {"name", "field"}};

inline constexpr Def<C::memory, 0> memory_total_bytes{"symptree_memory_total_bytes", "gauge", "MemTotal from /proc/meminfo.", {}};
inline constexpr Def<C::memory, 0> memory_available_bytes{"symptree_memory_available_bytes", "gauge", "MemAvailable from /proc/meminfo.", {}};
inline constexpr Def<C::memory, 0> memory_used_ratio{"symptree_memory_used_ratio", "gauge", "1 - MemAvailable / MemTotal.", {}};

// The exporter's own families.
inline constexpr Def<C::exporter, 1> collector_success{"symptree_collector_success", "gauge", "1 when the collector's last run succeeded within its timeout.", {"collector"}};
inline constexpr Def<C::exporter, 1> collector_duration_seconds{"symptree_collector_duration_seconds", "gauge", "Duration of the collector's last run.", {"collector"}};
inline constexpr Def<C::exporter, 1> exporter_build_info{"symptree_exporter_build_info", "gauge", "Build information; always 1.", {"version"}};

}  // namespace metric

// Every metric, in catalogue order.
inline constexpr MetricEntry kAllMetrics[] = {
    metric::filesystem_size_bytes.entry(),
    metric::filesystem_free_bytes.entry(),
    metric::filesystem_avail_bytes.entry(),
    metric::filesystem_used_ratio.entry(),
    metric::filesystem_files.entry(),
    metric::filesystem_files_free.entry(),
    metric::filesystem_readonly.entry(),
    metric::directory_size_bytes.entry(),
    metric::directory_files.entry(),
    metric::directory_newest_file_timestamp_seconds.entry(),
    metric::directory_oldest_file_timestamp_seconds.entry(),
    metric::directory_bad_magic_files.entry(),
    metric::directory_complete.entry(),
    metric::directory_index_timestamp_seconds.entry(),
    metric::directory_writable.entry(),
    metric::port_listening.entry(),
    metric::port_foreign_owner.entry(),
    metric::port_owner_info.entry(),
    metric::process_up.entry(),
    metric::process_start_time_seconds.entry(),
    metric::process_restarts_total.entry(),
    metric::certificate_not_before_timestamp_seconds.entry(),
    metric::certificate_not_after_timestamp_seconds.entry(),
    metric::certificate_valid.entry(),
    metric::certificate_key_match.entry(),
    metric::certificate_parse_failures_total.entry(),
    metric::http_probe_success.entry(),
    metric::http_probe_status_code.entry(),
    metric::http_probe_duration_seconds.entry(),
    metric::backup_newest_timestamp_seconds.entry(),
    metric::backup_found.entry(),
    metric::backup_metadata_ok.entry(),
    metric::backup_metadata_field.entry(),
    metric::memory_total_bytes.entry(),
    metric::memory_available_bytes.entry(),
    metric::memory_used_ratio.entry(),
    metric::collector_success.entry(),
    metric::collector_duration_seconds.entry(),
    metric::exporter_build_info.entry(),
};

}  // namespace symptree
