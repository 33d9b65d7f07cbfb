// The collector registry: each file in collectors/ registers its collector
// here, with its name and when it is enabled, the way node_exporter's
// collectors call registerCollector() from init(). Nothing lists the
// collectors anywhere else: adding one is its own file plus its metrics in
// the catalogue (common/probe_metrics.h and probe_catalog.cc).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/host_config.h"
#include "exporter/core/collector.h"
#include "exporter/core/file_system.h"

namespace symptree {

// When a collector runs: a test of the host config (node_exporter's default
// on/off, decided here by what the config asks for).
using CollectorEnabled = std::function<bool(const HostConfig&)>;
// Builds the collector from its part of the config, with the file system it may use.
using CollectorFactory = std::function<std::shared_ptr<Collector>(const HostConfig&, FileSystem&)>;

// One registered collector.
struct CollectorRegistration {
  std::string name;  // its catalogue collector name, the `collector` label
  CollectorEnabled enabled;
  CollectorFactory make;
};

// Registers a collector; call it from a namespace-scope initializer in the
// collector's file. Throws std::logic_error for a name the catalogue lacks or
// one registered twice. Returns true, so it can initialise a constant.
bool register_collector(std::string name, CollectorEnabled enabled, CollectorFactory make);

// Enabled always (node_exporter's defaultEnabled, for a collector without settings).
CollectorEnabled always_enabled();
// Enabled when the config lists at least one probe under `list` (e.g. &HostConfig::ports).
template <typename Probe>
CollectorEnabled enabled_when_listed(std::vector<Probe> HostConfig::*list) {
  return [list](const HostConfig& config) { return !(config.*list).empty(); };
}

// Every registered collector, in catalogue order.
std::vector<CollectorRegistration> registered_collectors();
// The registration named `name`; throws std::logic_error when there is none.
CollectorRegistration registered_collector(const std::string& name);

// A collector for every registration the config enables, in catalogue order.
std::vector<std::shared_ptr<Collector>> make_collectors(const HostConfig& config,
                                                        FileSystem& file_system = real_file_system());

}  // namespace symptree
