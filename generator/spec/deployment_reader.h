// The spec's optional `deployment:` section: the Prometheus replicas, the
// Alertmanager cluster and the hosts to scrape (see docs/spec.md).
#pragma once

#include <string>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Reads `deployment:` into model.deployment (left empty when the key is
// absent). Needs join_on and jobs, so it runs after read_settings().
void read_deployment(const MapReader& top, Model& model);

// "" when `text` is host:port (a DNS name, an IPv4 address or a bracketed
// IPv6 address, and a port 1-65535); otherwise what is wrong with it.
std::string host_port_problem(const std::string& text);

// The host part of host:port, without brackets ("10.0.0.1", "::1", "am-1").
std::string host_of(const std::string& host_port);
// The port part of host:port ("9093").
std::string port_of(const std::string& host_port);

}  // namespace symptree
