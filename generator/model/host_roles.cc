// Grouping hosts by the services they run, and merging those services' probes.
#include "generator/model/host_roles.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/join.h"

namespace symptree {
namespace {

bool has_probes(const HostConfig& c) {
  return !c.filesystems.empty() || !c.directories.empty() || !c.ports.empty() || !c.processes.empty() ||
         !c.certificates.empty() || !c.http.empty() || !c.backups.empty() || c.memory;
}

// Adds `from`'s probes to `into`; one that `into` has under the same key must be the same probe.
template <typename Probe, typename KeyOf, typename Same>
void merge_probes(std::vector<Probe>& into, const std::vector<Probe>& from, KeyOf key_of, Same same,
                  const std::string& what, Diagnostics& diagnostics) {
  for (const Probe& probe : from) {
    auto it = std::find_if(into.begin(), into.end(), [&](const Probe& p) { return key_of(p) == key_of(probe); });
    if (it == into.end()) {
      into.push_back(probe);
    } else if (!same(*it, probe)) {
      diagnostics.error(probe.where, what + " '" + key_of(probe) + "' differs from the one at " + it->where.to_string() +
                                         ", and both services run on one host (one exporter serves them)",
                        "define it the same way in both specs, or give one another name");
    }
  }
}

void merge_host_config(HostConfig& into, const HostConfig& from, Diagnostics& d) {
  auto name = [](const auto& p) { return p.name; };
  merge_probes(into.filesystems, from.filesystems, name,
               [](const FilesystemProbe& a, const FilesystemProbe& b) { return a.path == b.path; }, "filesystem", d);
  merge_probes(into.directories, from.directories, name, [](const DirectoryProbe& a, const DirectoryProbe& b) {
    return std::tie(a.path, a.magic_hex, a.segment_glob, a.writable_by) ==
           std::tie(b.path, b.magic_hex, b.segment_glob, b.writable_by);
  }, "directory", d);
  merge_probes(into.ports, from.ports, [](const PortProbe& p) { return std::to_string(p.port); },
               [](const PortProbe& a, const PortProbe& b) { return a.owner == b.owner; }, "port", d);
  merge_probes(into.processes, from.processes, name, [](const ProcessProbe&, const ProcessProbe&) { return true; },
               "process", d);
  merge_probes(into.certificates, from.certificates, name, [](const CertificateProbe& a, const CertificateProbe& b) {
    return std::tie(a.path, a.key_path) == std::tie(b.path, b.key_path);
  }, "certificate", d);
  merge_probes(into.http, from.http, name, [](const HttpProbe& a, const HttpProbe& b) {
    return std::tie(a.url, a.expect_status) == std::tie(b.url, b.expect_status);
  }, "http probe", d);
  merge_probes(into.backups, from.backups, name, [](const BackupProbe& a, const BackupProbe& b) {
    return std::tie(a.dir, a.glob, a.metadata, a.fields) == std::tie(b.dir, b.glob, b.metadata, b.fields);
  }, "backup", d);
  into.memory = into.memory || from.memory;
  if (from.timeout.ms > into.timeout.ms) into.timeout = from.timeout;
  if (from.rescan.ms < into.rescan.ms) into.rescan = from.rescan;
}

// Each host's services (with probes), and the exporter address each service gives it.
struct HostServices {
  std::set<std::string> services;
  std::map<std::string, std::string> exporter_by_service;
};

std::map<std::string, HostServices> services_by_host(const std::vector<ServicePlan>& services) {
  std::map<std::string, HostServices> hosts;
  for (const ServicePlan& plan : services) {
    if (!plan.model->deployment || !has_probes(plan.model->host)) continue;
    for (const DeploymentHost& host : plan.model->deployment->hosts) {
      hosts[host.name].services.insert(plan.model->service);
      hosts[host.name].exporter_by_service[plan.model->service] = host.exporter;
    }
  }
  return hosts;
}

void check_one_exporter(const std::string& host, const HostServices& on_host, const std::vector<ServicePlan>& services,
                        Diagnostics& diagnostics) {
  const std::string& first = on_host.exporter_by_service.begin()->second;
  for (const auto& [service, address] : on_host.exporter_by_service) {
    if (address == first) continue;
    SourcePosition where;
    for (const ServicePlan& plan : services) where = plan.model->service == service ? plan.where() : where;
    diagnostics.error(where, "host '" + host + "' has its exporter at " + address + " for service '" + service +
                                        "' but at " + first + " for service '" +
                                        on_host.exporter_by_service.begin()->first + "'",
                      "one symptree-exporter serves every service of a host: give it one address in every spec");
  }
}

// One exporter, one host: an address that two specs give different host names
// would be configured twice, and could load only one of the configs.
void check_one_name_per_exporter(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  std::map<std::string, std::pair<std::string, const ServicePlan*>> host_by_address;
  for (const ServicePlan& plan : services) {
    if (!plan.model->deployment || !has_probes(plan.model->host)) continue;
    for (const DeploymentHost& host : plan.model->deployment->hosts) {
      auto [it, fresh] = host_by_address.emplace(host.exporter, std::make_pair(host.name, &plan));
      if (fresh || it->second.first == host.name) continue;
      diagnostics.error(plan.where(), "the exporter at " + host.exporter + " is host '" + host.name +
                                                    "' here but host '" + it->second.first + "' in " +
                                                    it->second.second->spec_path,
                        "one symptree-exporter is one host: give it the same name in every spec");
    }
  }
}

}  // namespace

std::string HostRole::name() const { return join(services, "+"); }

std::vector<HostRole> host_roles(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  check_one_name_per_exporter(services, diagnostics);
  std::map<std::set<std::string>, HostRole> roles;
  for (const auto& [host, on_host] : services_by_host(services)) {
    check_one_exporter(host, on_host, services, diagnostics);
    HostRole& role = roles[on_host.services];
    role.hosts.push_back(host);
    role.exporters.push_back(on_host.exporter_by_service.begin()->second);
    if (!role.services.empty()) continue;
    role.services.assign(on_host.services.begin(), on_host.services.end());
    bool first = true;
    for (const ServicePlan& plan : services) {
      if (!on_host.services.count(plan.model->service)) continue;
      if (first) role.config = plan.model->host;
      else merge_host_config(role.config, plan.model->host, diagnostics);
      first = false;
    }
  }
  std::vector<HostRole> ordered;
  for (auto& [services_on_host, role] : roles) ordered.push_back(std::move(role));
  std::sort(ordered.begin(), ordered.end(), [](const HostRole& a, const HostRole& b) { return a.name() < b.name(); });
  return ordered;
}

}  // namespace symptree
