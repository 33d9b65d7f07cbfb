// Reading and validating `deployment:`: the Prometheus replicas, the
// Alertmanager peers and the hosts, each mistake at its line and column.
#include "generator/reader/deployment_reader.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "common/duration_field.h"
#include "common/host_port.h"
#include "generator/model/alert_plan.h"
#include "generator/model/range_windows.h"
#include "generator/reader/names.h"

namespace symptree {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Names that become file names: prometheus-<replica>.yml, cluster/<peer>.env.
bool is_file_safe_name(const std::string& name) {
  if (name.empty() || name.size() > 63 || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// Checks a name that names the generated `file`: file-safe and unique in
// `seen`. Reports the mistake at `where`; false when there is one.
bool check_file_name(Diagnostics& diagnostics, const SourcePosition& where, const std::string& what,
                     const std::string& name, const std::string& file, std::set<std::string>& seen) {
  if (!is_file_safe_name(name)) {
    diagnostics.error(where, what + " name '" + name + "' must be letters, digits, '-', '_' or '.'",
                      "it names the file " + file);
    return false;
  }
  if (!seen.insert(name).second) {
    diagnostics.error(where, "duplicate " + what + " name '" + name + "'");
    return false;
  }
  return true;
}

// Reads `key` as a positive duration; `fallback_ms` when absent or invalid.
Duration read_interval(const MapReader& map, const std::string& key, int64_t fallback_ms) {
  return read_positive_duration(map, key, "15s or 1m").value_or(duration_from_ms(fallback_ms));
}

// A host:port value; its canonical form must be new to `seen`, which holds
// every address of the section. "" when it is not host:port.
std::string read_address(const MapReader& map, const std::string& key, bool required, const std::string& example,
                         std::set<std::string>& seen) {
  std::string value = map.string(key, required).value_or("");
  if (value.empty()) return value;
  if (std::string problem = host_port_problem(value); !problem.empty()) {
    map.diagnostics().error(map.where(key), "'" + key + "' must be host:port, got '" + value + "': " + problem,
                            "e.g. " + key + ": \"" + example + "\"");
    return "";
  }
  if (!seen.insert(canonical_host_port(value)).second) {
    map.diagnostics().error(map.where(key), "address '" + value + "' is used twice",
                            "each address in 'deployment' belongs to one listener or target");
  }
  return value;
}

// A mapping of label names to values, e.g. external_labels or a host's labels.
std::map<std::string, std::string> read_labels(const MapReader& parent, const std::string& key) {
  std::map<std::string, std::string> labels;
  YamlNode node = parent.mapping(key);
  if (!node.IsDefined()) return labels;
  const YamlFile& file = parent.file();
  for (const auto& pair : node) {
    SourcePosition where = file.position(pair.first);
    std::optional<std::string> name = read_scalar(file, pair.first, "a label name in '" + key + "'", parent.diagnostics());
    std::optional<std::string> value =
        read_scalar(file, pair.second, "the value of a label in '" + key + "'", parent.diagnostics());
    if (!name || !value) continue;
    if (!is_label_name(*name) || name->rfind("__", 0) == 0) {
      parent.diagnostics().error(where, "'" + *name + "' is not a valid label name",
                                 "[a-zA-Z_][a-zA-Z0-9_]*, not starting with __ (reserved by Prometheus)");
    } else if (!labels.emplace(*name, *value).second) {
      parent.diagnostics().error(where, "label '" + *name + "' is set twice in '" + key + "'");
    }
  }
  return labels;
}

// Where a label of the mapping `key` is written, for errors about it.
SourcePosition label_position(const MapReader& parent, const std::string& key, const std::string& label) {
  const YamlNode node = parent.get(key);
  for (const auto& pair : node) {
    if (pair.first.IsScalar() && pair.first.Scalar() == label) return parent.file().position(pair.first);
  }
  return parent.where(key);
}

// Whether the spec's own `labels:` (top or any node) use `label`.
bool has_custom_label(const Model& model, const std::string& label) {
  auto uses = [&](const CustomFields& fields) {
    return std::any_of(fields.begin(), fields.end(), [&](const auto& field) { return field.first == label; });
  };
  return uses(model.labels) || std::any_of(model.nodes.begin(), model.nodes.end(),
                                           [&](const Node& node) { return uses(node.labels); });
}

void read_replica_label(const MapReader& map, const Model& model, PrometheusDeployment& prometheus) {
  prometheus.replica_label = map.string("replica_label").value_or("replica");
  const std::string& replica = prometheus.replica_label;
  if (!is_label_name(replica) || replica.rfind("__", 0) == 0) {
    map.diagnostics().error(map.where("replica_label"), "'" + replica + "' is not a valid label name");
  } else if (contains(model.all_join_labels(), replica) || contains(reserved_alert_labels(), replica) ||
             has_custom_label(model, replica)) {
    map.diagnostics().error(map.where("replica_label"), "'replica_label' cannot be '" + replica + "'",
                            "alerts are sent without it, and symptree's alerts need '" + replica +
                                "'; choose a label of its own, e.g. replica");
  }
}

void read_replicas(const MapReader& map, PrometheusDeployment& prometheus) {
  YamlNode list = map.sequence("replicas");
  if (!list.IsDefined()) return;
  if (list.size() == 0) map.diagnostics().error(map.where("replicas"), "'replicas' must name at least one replica");
  std::set<std::string> seen;
  for (const YamlNode& item : list) {
    std::optional<std::string> name = read_scalar(map.file(), item, "a replica", map.diagnostics());
    if (name && check_file_name(map.diagnostics(), map.file().position(item), "replica", *name,
                                "prometheus-" + *name + ".yml", seen)) {
      prometheus.replicas.push_back(*name);
    }
  }
}

// Why `label` cannot be an external label; "" when it can. Prometheus adds
// external labels to every alert that lacks them.
std::string external_label_problem(const Model& model, const std::string& replica, const std::string& label,
                                   const std::string& value, std::string& hint) {
  if (label == replica) {
    hint = "each replica's file sets it to the replica's name; list the names under 'replicas'";
    return "'external_labels' cannot set the replica label '" + label + "'";
  }
  if (contains(model.all_join_labels(), label)) {  // a node's own join label too
    hint = "Prometheus adds it to every alert that lacks it, so alerts without '" + label +
           "' (cluster-scoped, absence) would reach Alertmanager with " + label + "=\"" + value +
           "\"; choose a label of its own, e.g. cluster or region";
    return "'external_labels' cannot set the join_on label '" + label + "'";
  }
  if (contains(reserved_alert_labels(), label)) {
    hint = "Prometheus adds it to every alert that lacks it, and symptree's routing, inhibition and dashboard "
           "read '" + label + "'; choose a label of its own, e.g. cluster or region";
    return "'external_labels' cannot set '" + label + "', a label symptree's alerts use";
  }
  return "";
}

void read_external_labels(const MapReader& map, const Model& model, PrometheusDeployment& prometheus) {
  prometheus.external_labels = read_labels(map, "external_labels");
  for (auto it = prometheus.external_labels.begin(); it != prometheus.external_labels.end();) {
    std::string hint;
    std::string problem = external_label_problem(model, prometheus.replica_label, it->first, it->second, hint);
    if (problem.empty()) {
      ++it;
      continue;
    }
    map.diagnostics().error(label_position(map, "external_labels", it->first), problem, hint);
    it = prometheus.external_labels.erase(it);
  }
}

void read_rule_files_dir(const MapReader& map, PrometheusDeployment& prometheus) {
  prometheus.rule_files_dir = map.string("rule_files_dir").value_or("");
  while (prometheus.rule_files_dir.size() > 1 && prometheus.rule_files_dir.back() == '/') {
    prometheus.rule_files_dir.pop_back();
  }
}

void read_prometheus(const MapReader& section, const Model& model, PrometheusDeployment& prometheus) {
  prometheus.scrape_interval = duration_from_ms(15000);
  prometheus.evaluation_interval = duration_from_ms(15000);
  YamlNode node = section.mapping("prometheus");
  if (!node.IsDefined()) {
    check_interval_fits_windows(model, "scrape_interval", prometheus.scrape_interval, "rules", "scrapes",
                                section.where(), section.diagnostics());
    return;
  }
  MapReader map(section.file(), node, "'prometheus'",
                {"scrape_interval", "evaluation_interval", "replica_label", "replicas", "external_labels",
                 "rule_files_dir"},
                section.diagnostics());
  if (!map.valid()) return;
  prometheus.scrape_interval = read_interval(map, "scrape_interval", 15000);
  prometheus.evaluation_interval = read_interval(map, "evaluation_interval", 15000);
  check_interval_fits_windows(model, "scrape_interval", prometheus.scrape_interval, "rules", "scrapes",
                              map.where("scrape_interval"), map.diagnostics());
  read_replica_label(map, model, prometheus);
  read_replicas(map, prometheus);
  read_external_labels(map, model, prometheus);
  read_rule_files_dir(map, prometheus);
}

// True when a listener at `host_port` takes its port on every interface: a
// DNS name (the cluster emitter then listens on all of them) or 0.0.0.0 / [::].
bool binds_every_interface(const std::string& host_port) {
  std::string host = host_of(canonical_host_port(host_port));
  return !is_ip_literal(host) || host == "0.0.0.0" || host == "::";
}

// A peer binds both its API and its gossip listener: one port cannot serve
// both unless they are two different IPs.
void check_peer_ports(const MapReader& map, const AlertmanagerPeer& peer) {
  if (peer.address.empty() || peer.cluster.empty()) return;
  std::string address = canonical_host_port(peer.address), cluster = canonical_host_port(peer.cluster);
  if (port_of(address) != port_of(cluster)) return;
  if (host_of(address) != host_of(cluster) && !binds_every_interface(address) && !binds_every_interface(cluster)) {
    return;
  }
  map.diagnostics().error(map.where("cluster"),
                          "'cluster' '" + peer.cluster + "' and 'address' '" + peer.address +
                              "' cannot both listen on port " + port_of(cluster),
                          "the peer binds both, and a DNS name listens on every interface; give gossip a port of "
                          "its own (Alertmanager's default is 9094)");
}

void read_alertmanagers(const MapReader& section, std::set<std::string>& addresses, Deployment& deployment) {
  YamlNode list = section.sequence("alertmanagers", true);
  if (!list.IsDefined()) return;
  if (list.size() == 0) {
    section.diagnostics().error(section.where("alertmanagers"), "'alertmanagers' must list at least one Alertmanager",
                                "Prometheus sends its alerts to every one listed");
    return;
  }
  bool clustered = list.size() > 1;
  std::set<std::string> names;
  for (const YamlNode& item : list) {
    MapReader map(section.file(), item, "an alertmanager", {"name", "address", "cluster"}, section.diagnostics());
    if (!map.valid()) continue;
    AlertmanagerPeer peer;
    peer.name = map.string("name", true).value_or("");
    if (!peer.name.empty()) {
      check_file_name(map.diagnostics(), map.where("name"), "alertmanager", peer.name,
                      "alertmanager/cluster/" + peer.name + ".env", names);
    }
    peer.address = read_address(map, "address", true, "10.0.0.1:9093", addresses);
    // Gossip needs a listener on every peer once there are two or more.
    peer.cluster = read_address(map, "cluster", clustered, "10.0.0.1:9094", addresses);
    check_peer_ports(map, peer);
    deployment.alertmanagers.push_back(std::move(peer));
  }
}

void check_host_labels(const MapReader& map, const Model& model, DeploymentHost& host) {
  Diagnostics& diagnostics = map.diagnostics();
  const std::string& first = model.join_on.front();
  for (const auto& [label, value] : host.labels) {
    if (label == first || label == "instance" || label == "job") {
      diagnostics.error(label_position(map, "labels", label), "a host's 'labels' cannot set '" + label + "'",
                        label == first ? "the host's 'name' is its '" + first + "' label"
                                       : "Prometheus sets it from the scrape target");
    }
  }
  for (size_t i = 1; i < model.join_on.size(); ++i) {
    if (host.labels.count(model.join_on[i])) continue;
    diagnostics.error(map.where(), "host '" + host.name + "' gives no value for the join_on label '" +
                                       model.join_on[i] + "'",
                      "'name' fills '" + first + "'; set labels: {" + model.join_on[i] + ": ...} on the host");
  }
}

// `sources: {postgres: "10.0.0.11:9187"}`: the host's target of each declared
// source that runs there (a source may run on some hosts only).
void read_host_sources(const MapReader& map, const Model& model, std::set<std::string>& addresses,
                       DeploymentHost& host) {
  YamlNode node = map.mapping("sources");
  if (!node.IsDefined()) return;
  std::vector<std::string> names;
  for (const Source& source : model.sources) names.push_back(source.name);
  MapReader sources(map.file(), node, "a host's 'sources' (names of the spec's sources:)", names, map.diagnostics());
  if (!sources.valid()) return;
  for (const std::string& name : names) {
    std::string address = read_address(sources, name, false, "10.0.0.11:9187", addresses);
    if (!address.empty()) host.sources[name] = address;
  }
}

// Each declared source is scraped somewhere, or its metrics never arrive.
void check_sources_scraped(const MapReader& section, const Model& model, const Deployment& deployment) {
  for (const Source& source : model.sources) {
    bool scraped = false;
    for (const DeploymentHost& host : deployment.hosts) scraped = scraped || host.sources.count(source.name);
    if (scraped) continue;
    section.diagnostics().error(section.where("hosts"), "no host gives a target of source '" + source.name + "'",
                                "add sources: {" + source.name + ": \"host:port\"} to the hosts it runs on");
  }
}

void read_hosts(const MapReader& section, const Model& model, bool has_exporter, std::set<std::string>& addresses,
                Deployment& deployment) {
  YamlNode list = section.sequence("hosts", true);
  if (!list.IsDefined()) return;
  if (list.size() == 0) {
    section.diagnostics().error(section.where("hosts"), "'hosts' must list at least one host",
                                "each host is scraped twice: its exporter and the service");
    return;
  }
  if (has_exporter && model.service_job == model.exporter_job) {
    section.diagnostics().error(section.where("hosts"), "the service and symptree-exporter are both scraped as job '" +
                                                            model.service_job + "'",
                                "Prometheus needs a job of its own for each; set jobs: {service: ..., exporter: ...}");
  }
  std::set<std::string> names;
  for (const YamlNode& item : list) {
    MapReader map(section.file(), item, "a host", {"name", "exporter", "service", "labels", "sources"}, section.diagnostics());
    if (!map.valid()) continue;
    DeploymentHost host;
    host.name = map.string("name", true).value_or("");
    if (!host.name.empty() && !names.insert(host.name).second) {
      map.diagnostics().error(map.where("name"), "duplicate host name '" + host.name + "'");
    }
    host.exporter = read_address(map, "exporter", has_exporter, "10.0.0.11:9188", addresses);
    if (!has_exporter && !host.exporter.empty()) {
      map.diagnostics().error(map.where("exporter"), "'exporter' is set, but the spec has no 'host:' section",
                              "symptree-exporter watches what 'host:' lists; add it or remove 'exporter'");
    }
    host.service = read_address(map, "service", true, "10.0.0.11:18180", addresses);
    host.labels = read_labels(map, "labels");
    if (!model.join_on.empty()) check_host_labels(map, model, host);
    read_host_sources(map, model, addresses, host);
    deployment.hosts.push_back(std::move(host));
  }
  check_sources_scraped(section, model, deployment);
}

}  // namespace

void read_deployment(const MapReader& top, Model& model) {
  YamlNode node = top.mapping("deployment");
  if (!node.IsDefined()) return;
  MapReader section(top.file(), node, "'deployment'", {"prometheus", "alertmanagers", "hosts"}, top.diagnostics());
  if (!section.valid()) return;
  Deployment deployment;
  std::set<std::string> addresses;  // every host:port of the section, canonical: each is used once
  read_prometheus(section, model, deployment.prometheus);
  read_alertmanagers(section, addresses, deployment);
  read_hosts(section, model, top.has("host"), addresses, deployment);
  model.deployment = std::move(deployment);
}

}  // namespace symptree
