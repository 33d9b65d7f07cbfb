// Reading and validating `deployment:`: the Prometheus replicas, the
// Alertmanager peers and the hosts, each mistake at its line and column.
#include "generator/spec/deployment_reader.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "generator/spec/names.h"

namespace symptree {
namespace {

// Labels symptree's alerts and scrape targets already use; a replica label
// with one of these names would be dropped from every alert.
const std::vector<std::string>& reserved_labels() {
  static const std::vector<std::string> labels = {"alertname", "severity", "priority", "service", "symptom",
                                                  "node",      "metric",   "instance", "job"};
  return labels;
}

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

bool is_dns_name(const std::string& host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
  });
}

// Reads `key` as a positive duration; `fallback` when absent or invalid.
Duration read_interval(const MapReader& map, const std::string& key, int64_t fallback_ms) {
  Duration fallback = duration_from_ms(fallback_ms);
  std::optional<std::string> text = map.string(key);
  if (!text) return fallback;
  std::optional<Duration> parsed = parse_duration(*text);
  if (!parsed || parsed->ms == 0) {
    map.diagnostics().error(map.where(key), "'" + key + "' must be a positive duration such as 15s or 1m, got '" +
                                                *text + "'");
    return fallback;
  }
  return *parsed;
}

// A name that must be unique in its list and usable as a file name.
std::string read_name(const MapReader& map, const std::string& what, std::set<std::string>& seen) {
  std::string name = map.string("name", true).value_or("");
  if (name.empty()) return name;
  if (!is_file_safe_name(name)) {
    map.diagnostics().error(map.where("name"), what + " name '" + name + "' must be letters, digits, '-', '_' or '.'",
                            "it names a generated file");
  } else if (!seen.insert(name).second) {
    map.diagnostics().error(map.where("name"), "duplicate " + what + " name '" + name + "'");
  }
  return name;
}

// A host:port value, unique among the values of `seen`.
std::string read_address(const MapReader& map, const std::string& key, bool required, const std::string& example,
                         std::set<std::string>& seen) {
  std::string value = map.string(key, required).value_or("");
  if (value.empty()) return value;
  if (std::string problem = host_port_problem(value); !problem.empty()) {
    map.diagnostics().error(map.where(key), "'" + key + "' must be host:port, got '" + value + "': " + problem,
                            "e.g. " + key + ": \"" + example + "\"");
  } else if (!seen.insert(value).second) {
    map.diagnostics().error(map.where(key), "address '" + value + "' is used twice");
  }
  return value;
}

// A mapping of label names to values, e.g. external_labels or a host's labels.
std::map<std::string, std::string> read_labels(const MapReader& parent, const std::string& key) {
  std::map<std::string, std::string> labels;
  YAML::Node node = parent.mapping(key);
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
  const YAML::Node node = parent.get(key);
  for (const auto& pair : node) {
    if (pair.first.IsScalar() && pair.first.Scalar() == label) return parent.file().position(pair.first);
  }
  return parent.where(key);
}

void read_prometheus(const MapReader& section, const Model& model, PrometheusDeployment& prometheus) {
  prometheus.scrape_interval = duration_from_ms(15000);
  prometheus.evaluation_interval = duration_from_ms(15000);
  YAML::Node node = section.mapping("prometheus");
  if (!node.IsDefined()) return;
  MapReader map(section.file(), node, "'prometheus'",
                {"scrape_interval", "evaluation_interval", "replica_label", "replicas", "external_labels",
                 "rule_files_dir"},
                section.diagnostics());
  if (!map.valid()) return;
  Diagnostics& diagnostics = map.diagnostics();
  prometheus.scrape_interval = read_interval(map, "scrape_interval", 15000);
  prometheus.evaluation_interval = read_interval(map, "evaluation_interval", 15000);
  prometheus.replica_label = map.string("replica_label").value_or("replica");
  const std::string& replica = prometheus.replica_label;
  if (!is_label_name(replica) || replica.rfind("__", 0) == 0) {
    diagnostics.error(map.where("replica_label"), "'" + replica + "' is not a valid label name");
  } else if (contains(model.join_on, replica) || contains(reserved_labels(), replica)) {
    diagnostics.error(map.where("replica_label"), "'replica_label' cannot be '" + replica + "'",
                      "alerts are sent without it, and symptree's alerts need '" + replica +
                          "'; choose a label of its own, e.g. replica");
  }
  if (YAML::Node list = map.sequence("replicas"); list.IsDefined()) {
    if (list.size() == 0) diagnostics.error(map.where("replicas"), "'replicas' must name at least one replica");
    std::set<std::string> seen;
    for (const YAML::Node& item : list) {
      std::optional<std::string> name = read_scalar(map.file(), item, "a replica", diagnostics);
      if (!name) continue;
      if (!is_file_safe_name(*name)) {
        diagnostics.error(map.file().position(item), "replica name '" + *name +
                                                         "' must be letters, digits, '-', '_' or '.'",
                          "it names the file prometheus-" + *name + ".yml");
      } else if (!seen.insert(*name).second) {
        diagnostics.error(map.file().position(item), "duplicate replica '" + *name + "'");
      } else {
        prometheus.replicas.push_back(*name);
      }
    }
  }
  prometheus.external_labels = read_labels(map, "external_labels");
  if (prometheus.external_labels.count(replica)) {
    diagnostics.error(label_position(map, "external_labels", replica),
                      "'external_labels' cannot set the replica label '" + replica + "'",
                      "each replica's file sets it to the replica's name; list the names under 'replicas'");
    prometheus.external_labels.erase(replica);
  }
  prometheus.rule_files_dir = map.string("rule_files_dir").value_or("");
  while (prometheus.rule_files_dir.size() > 1 && prometheus.rule_files_dir.back() == '/') {
    prometheus.rule_files_dir.pop_back();
  }
}

void read_alertmanagers(const MapReader& section, Deployment& deployment) {
  YAML::Node list = section.sequence("alertmanagers", true);
  if (!list.IsDefined()) return;
  if (list.size() == 0) {
    section.diagnostics().error(section.where("alertmanagers"), "'alertmanagers' must list at least one Alertmanager",
                                "Prometheus sends its alerts to every one listed");
    return;
  }
  bool clustered = list.size() > 1;
  std::set<std::string> names, addresses;
  for (const YAML::Node& item : list) {
    MapReader map(section.file(), item, "an alertmanager", {"name", "address", "cluster"}, section.diagnostics());
    if (!map.valid()) continue;
    AlertmanagerPeer peer;
    peer.where = map.where();
    peer.name = read_name(map, "alertmanager", names);
    peer.address = read_address(map, "address", true, "10.0.0.1:9093", addresses);
    // Gossip needs a listener on every peer once there are two or more.
    peer.cluster = read_address(map, "cluster", clustered, "10.0.0.1:9094", addresses);
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

void read_hosts(const MapReader& section, const Model& model, bool has_exporter, Deployment& deployment) {
  YAML::Node list = section.sequence("hosts", true);
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
  std::set<std::string> names, addresses;
  for (const YAML::Node& item : list) {
    MapReader map(section.file(), item, "a host", {"name", "exporter", "service", "labels"}, section.diagnostics());
    if (!map.valid()) continue;
    DeploymentHost host;
    host.where = map.where();
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
    deployment.hosts.push_back(std::move(host));
  }
}

}  // namespace

std::string host_port_problem(const std::string& text) {
  if (text.find("://") != std::string::npos) return "no scheme, only host:port";
  if (text.find('/') != std::string::npos) return "no path, only host:port";
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) return "the port is missing";
  std::string host = text.substr(0, colon);
  std::string port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    std::string ip6 = host.substr(1, host.size() - 2);
    bool ok = !ip6.empty() && std::all_of(ip6.begin(), ip6.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    });
    if (!ok) return "'" + host + "' is not an IPv6 address";
  } else if (host.find(':') != std::string::npos) {
    return "write an IPv6 address in brackets, e.g. [::1]:9093";
  } else if (!is_dns_name(host)) {
    return host.empty() ? "the host is missing" : "'" + host + "' is not a host name or address";
  }
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return "the port must be a number";
  }
  int number = std::stoi(port);
  if (number < 1 || number > 65535) return "the port must be between 1 and 65535";
  return "";
}

std::string host_of(const std::string& host_port) {
  std::string host = host_port.substr(0, host_port.rfind(':'));
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return host;
}

std::string port_of(const std::string& host_port) { return host_port.substr(host_port.rfind(':') + 1); }

void read_deployment(const MapReader& top, Model& model) {
  YAML::Node node = top.mapping("deployment");
  if (!node.IsDefined()) return;
  MapReader section(top.file(), node, "'deployment'", {"prometheus", "alertmanagers", "hosts"}, top.diagnostics());
  if (!section.valid()) return;
  Deployment deployment;
  deployment.where = section.where();
  read_prometheus(section, model, deployment.prometheus);
  read_alertmanagers(section, deployment);
  read_hosts(section, model, top.has("host"), deployment);
  model.deployment = std::move(deployment);
}

}  // namespace symptree
