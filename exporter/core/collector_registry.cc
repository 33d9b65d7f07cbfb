// Which collectors a config needs.
#include "exporter/collectors.h"

namespace symptree {

std::vector<std::shared_ptr<Collector>> make_collectors(const HostConfig& config) {
  std::vector<std::shared_ptr<Collector>> collectors;
  if (!config.filesystems.empty()) collectors.push_back(make_filesystem_collector(config.filesystems));
  if (!config.directories.empty()) collectors.push_back(make_directory_collector(config.directories, config.rescan));
  if (!config.ports.empty()) collectors.push_back(make_port_collector(config.ports));
  if (!config.processes.empty()) collectors.push_back(make_process_collector(config.processes));
  if (!config.certificates.empty()) collectors.push_back(make_certificate_collector(config.certificates));
  if (!config.http.empty()) collectors.push_back(make_http_collector(config.http, config.timeout));
  if (!config.backups.empty()) collectors.push_back(make_backup_collector(config.backups));
  if (config.memory) collectors.push_back(make_memory_collector());
  return collectors;
}

}  // namespace symptree
