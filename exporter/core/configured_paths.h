// The paths exporter.yml names (filesystems, directories, certificates and
// their keys, backup folders) checked as --check-config checks them: one that
// does not exist, is the wrong kind of file (a FIFO where a certificate should
// be) or cannot be read is not an error, since it may appear later (a mount
// not mounted yet), but --check-config warns about each.
#pragma once

#include <string>
#include <vector>

#include "common/host_config.h"

namespace symptree {

// One path and what is wrong with it, at the position of the probe that names it.
struct PathWarning {
  SourcePosition where;
  std::string message;  // "certificate 'api': key '/etc/tls/api.key' is not readable (permission denied)"
};

// What is wrong with the config's paths on this machine, as the running user
// sees them; empty when all are there and readable. Nothing is opened but
// regular files (and those without blocking): a FIFO is reported, not waited on.
std::vector<PathWarning> check_configured_paths(const HostConfig& config);

// "file:line:col: warning: message\n" for each.
std::string format_path_warnings(const std::vector<PathWarning>& warnings);

}  // namespace symptree
