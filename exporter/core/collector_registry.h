// The collectors, one per probe kind, each built from its part of the config.
#pragma once

#include <memory>
#include <vector>

#include "common/host_config.h"
#include "exporter/collector.h"

namespace symptree {

std::shared_ptr<Collector> make_filesystem_collector(const std::vector<FilesystemProbe>& probes);
std::shared_ptr<Collector> make_directory_collector(const std::vector<DirectoryProbe>& probes, Duration rescan);
std::shared_ptr<Collector> make_port_collector(const std::vector<PortProbe>& probes);
std::shared_ptr<Collector> make_process_collector(const std::vector<ProcessProbe>& probes);
std::shared_ptr<Collector> make_certificate_collector(const std::vector<CertificateProbe>& probes);
std::shared_ptr<Collector> make_http_collector(const std::vector<HttpProbe>& probes, Duration timeout);
std::shared_ptr<Collector> make_backup_collector(const std::vector<BackupProbe>& probes);
std::shared_ptr<Collector> make_memory_collector(const std::string& meminfo_path = "/proc/meminfo");

// A collector for every probe kind the config uses, in catalogue order.
std::vector<std::shared_ptr<Collector>> make_collectors(const HostConfig& config);

}  // namespace symptree
