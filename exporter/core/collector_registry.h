// The collector registry: each file in collectors/ registers its collector
// here, with its name and when it is enabled, the way node_exporter's
// collectors call registerCollector() from init(). Nothing lists the
// collectors anywhere else: adding one is its own file plus its entries in
// the catalogue (common/probe_metrics.h).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/host_config.h"
#include "exporter/core/collector.h"
#include "exporter/core/file_system.h"

namespace symptree {

// When a collector runs (node_exporter's defaultEnabled): when the host config
// configures its probe kind (HostConfig::has_probe_kind of its catalogue key),
// or always, for a collector that needs no settings.
enum class Enabled { when_configured, always };

// Builds the collector from its part of the config, with the file system it may use.
using CollectorFactory = std::function<std::shared_ptr<Collector>(const HostConfig&, FileSystem&)>;

// One registered collector.
struct CollectorRegistration {
  CollectorId id;
  std::string name;  // its catalogue collector name, the `collector` label
  Enabled enabled;
  CollectorFactory make;

  bool enabled_for(const HostConfig& config) const;
};

// Registers a collector; call it from a namespace-scope initializer in the
// collector's file. Throws std::logic_error for the exporter's own id or an id
// registered twice. Returns true, so it can initialise a constant.
bool register_collector(CollectorId id, Enabled enabled, CollectorFactory make);

// Every registered collector, in catalogue order.
std::vector<CollectorRegistration> registered_collectors();
// The registration named `name`; throws std::logic_error when there is none.
CollectorRegistration registered_collector(const std::string& name);

// A collector for every registration the config enables, in catalogue order.
std::vector<std::shared_ptr<Collector>> make_collectors(const HostConfig& config,
                                                        FileSystem& file_system = real_file_system());

}  // namespace symptree
