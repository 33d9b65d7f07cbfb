// Which services share a host, from their `deployment.hosts`, and the one
// exporter config each such group of hosts (a host role) runs: every service's
// `host:` probes merged.
#pragma once

#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/host_config.h"
#include "generator/model/service_set.h"

namespace symptree {

// Hosts that run the same set of services.
struct HostRole {
  std::vector<std::string> services;  // sorted
  std::vector<std::string> hosts;     // deployment host names, sorted
  std::vector<std::string> exporters; // each host's exporter address (host:port), in the order of `hosts`
  HostConfig config;                  // the services' probes: a probe both define once; memory if any
                                      // asks; the longest timeout; the shortest rescan
  std::string name() const;           // the services joined with '+', e.g. "ledger+stemedb"
};

// The roles of every host named in some service's deployment that runs at
// least one service with a `host:` section, in name order. Two services that
// define one probe name differently on a shared host, give one host two
// exporter addresses, or give one exporter address two host names, are errors
// in `diagnostics`.
std::vector<HostRole> host_roles(const std::vector<ServicePlan>& services, Diagnostics& diagnostics);

}  // namespace symptree
