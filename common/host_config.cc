// Parsing, validation and rendering of the host probe section.
#include "common/host_config.h"

#include <cctype>
#include <functional>
#include <set>

#include "common/duration_field.h"
#include "common/probe_catalog.h"

namespace symptree {
namespace {

bool is_probe_name(const std::string& name) {
  if (name.empty() || !std::islower(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) &&
        c != '_' && c != '-')
      return false;
  }
  return true;
}

bool is_hex(const std::string& text) {
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Reads `name` (required, unique within its kind, [a-z][a-z0-9_-]*).
std::string read_name(const MapReader& map, std::set<std::string>& used, const std::string& kind) {
  std::optional<std::string> name = map.string("name", true);
  if (!name) return "";
  if (!is_probe_name(*name)) {
    map.diagnostics().error(map.where("name"), "probe name '" + *name + "' must match [a-z][a-z0-9_-]*");
  } else if (!used.insert(*name).second) {
    map.diagnostics().error(map.where("name"), "duplicate " + kind + " name '" + *name + "'");
  }
  return *name;
}

// Reads a required absolute path.
std::string read_path(const MapReader& map, const std::string& key, bool required = true) {
  std::optional<std::string> path = map.string(key, required);
  if (!path) return "";
  if ((*path)[0] != '/') {
    map.diagnostics().error(map.where(key), "'" + key + "' must be an absolute path, got '" + *path + "'");
  }
  return *path;
}

// Calls `read_one` for each mapping in the list under `key`.
void for_each_entry(const MapReader& host, const std::string& key, const std::string& what,
                    const std::vector<std::string>& keys,
                    const std::function<void(const MapReader&)>& read_one) {
  YamlNode list = host.sequence(key);
  if (!list.IsDefined()) return;
  for (const YamlNode& item : list) {
    MapReader entry(host.file(), item, what, keys, host.diagnostics());
    if (entry.valid()) read_one(entry);
  }
}

void read_filesystems(const MapReader& host, HostConfig& config) {
  std::set<std::string> names;
  for_each_entry(host, "filesystems", "a filesystem probe", {"name", "path"}, [&](const MapReader& m) {
    config.filesystems.push_back({read_name(m, names, "filesystem"), read_path(m, "path"), m.where()});
  });
}

void read_directories(const MapReader& host, HostConfig& config) {
  std::set<std::string> names;
  for_each_entry(host, "directories", "a directory probe", {"name", "path", "magic", "segments", "writable_by"},
                 [&](const MapReader& m) {
                   DirectoryProbe probe;
                   probe.name = read_name(m, names, "directory");
                   probe.path = read_path(m, "path");
                   probe.magic_hex = m.string("magic").value_or("");
                   if (!probe.magic_hex.empty() &&
                       (!is_hex(probe.magic_hex) || probe.magic_hex.size() % 2 != 0 || probe.magic_hex.size() > 64)) {
                     m.diagnostics().error(m.where("magic"),
                                           "'magic' must be an even number of hex digits (at most 32 bytes), got '" +
                                               probe.magic_hex + "'",
                                           "write the segment's first bytes in hex, e.g. \"53544d57\" for \"STMW\"");
                   }
                   probe.segment_glob = m.string("segments").value_or("*");
                   probe.writable_by = m.string("writable_by").value_or("");
                   probe.where = m.where();
                   config.directories.push_back(probe);
                 });
}

void read_ports(const MapReader& host, HostConfig& config) {
  std::set<std::string> ports;
  for_each_entry(host, "ports", "a port probe", {"port", "owner"}, [&](const MapReader& m) {
    PortProbe probe;
    probe.port = static_cast<int>(m.integer("port", 1, 65535, true).value_or(0));
    probe.owner = m.string("owner", true).value_or("");
    probe.where = m.where();
    if (probe.port != 0 && !ports.insert(std::to_string(probe.port)).second) {
      m.diagnostics().error(m.where("port"), "port " + std::to_string(probe.port) + " is listed twice");
    }
    config.ports.push_back(probe);
  });
}

void read_processes(const MapReader& host, HostConfig& config) {
  std::set<std::string> names;
  for_each_entry(host, "processes", "a process probe", {"name"}, [&](const MapReader& m) {
    std::optional<std::string> name = m.string("name", true);
    if (name && !names.insert(*name).second) {
      m.diagnostics().error(m.where("name"), "duplicate process name '" + *name + "'");
    }
    config.processes.push_back({name.value_or(""), m.where()});
  });
}

void read_certificates(const MapReader& host, HostConfig& config) {
  std::set<std::string> names;
  for_each_entry(host, "certificates", "a certificate probe", {"name", "path", "key"}, [&](const MapReader& m) {
    CertificateProbe probe;
    probe.name = read_name(m, names, "certificate");
    probe.path = read_path(m, "path");
    probe.key_path = read_path(m, "key", false);
    probe.where = m.where();
    config.certificates.push_back(probe);
  });
}

void read_http(const MapReader& host, HostConfig& config) {
  std::set<std::string> names;
  for_each_entry(host, "http", "an http probe", {"name", "url", "expect_status"}, [&](const MapReader& m) {
    HttpProbe probe;
    probe.name = read_name(m, names, "http");
    probe.url = m.string("url", true).value_or("");
    if (!probe.url.empty() && probe.url.rfind("http://", 0) != 0 && probe.url.rfind("https://", 0) != 0) {
      m.diagnostics().error(m.where("url"), "'url' must start with http:// or https://, got '" + probe.url + "'");
    }
    probe.expect_status = static_cast<int>(m.integer("expect_status", 100, 599).value_or(200));
    probe.where = m.where();
    config.http.push_back(probe);
  });
}

void read_backups(const MapReader& host, HostConfig& config) {
  std::set<std::string> names;
  for_each_entry(host, "backups", "a backup probe", {"name", "dir", "glob", "metadata", "fields"},
                 [&](const MapReader& m) {
                   BackupProbe probe;
                   probe.name = read_name(m, names, "backup");
                   probe.dir = read_path(m, "dir");
                   probe.glob = m.string("glob").value_or("*");
                   probe.metadata = m.string("metadata").value_or("");
                   probe.fields = m.string_list("fields");
                   if (!probe.fields.empty() && probe.metadata.empty()) {
                     m.diagnostics().error(m.where("fields"), "'fields' needs 'metadata': the file they are read from");
                   }
                   probe.where = m.where();
                   config.backups.push_back(probe);
                 });
}

void read_timing(const MapReader& host, HostConfig& config) {
  for (const char* key : {"timeout", "rescan"}) {
    std::optional<Duration> parsed = read_positive_duration(host, key, "5s");
    if (parsed) (std::string(key) == "timeout" ? config.timeout : config.rescan) = *parsed;
  }
}

}  // namespace

const std::vector<std::string>& host_config_keys() {
  static const std::vector<std::string> keys = {"filesystems", "directories", "ports",  "processes", "certificates",
                                                "http",        "backups",     "memory", "timeout",   "rescan"};
  return keys;
}

bool HostConfig::has_probe_kind(const std::string& key) const {
  if (key == "filesystems") return !filesystems.empty();
  if (key == "directories") return !directories.empty();
  if (key == "ports") return !ports.empty();
  if (key == "processes") return !processes.empty();
  if (key == "certificates") return !certificates.empty();
  if (key == "http") return !http.empty();
  if (key == "backups") return !backups.empty();
  if (key == "memory") return memory;
  return probe_kind_runs_always(key);  // a collector without settings: no entry here, every host has it
}

namespace {

template <typename Probe>
std::vector<std::string> names_of(const std::vector<Probe>& probes) {
  std::vector<std::string> names;
  for (const Probe& probe : probes) names.push_back(probe.name);
  return names;
}

}  // namespace

std::vector<std::string> HostConfig::probe_identities(const std::string& key) const {
  if (key == "filesystems") return names_of(filesystems);
  if (key == "directories") return names_of(directories);
  if (key == "processes") return names_of(processes);
  if (key == "certificates") return names_of(certificates);
  if (key == "http") return names_of(http);
  if (key == "backups") return names_of(backups);
  std::vector<std::string> numbers;
  if (key == "ports") {
    for (const PortProbe& port : ports) numbers.push_back(std::to_string(port.port));
  }
  return numbers;
}

HostConfig read_host_config(const YamlFile& file, const YamlNode& node, Diagnostics& diagnostics) {
  HostConfig config;
  MapReader host(file, node, "the host section", host_config_keys(), diagnostics);
  if (!host.valid()) return config;
  read_filesystems(host, config);
  read_directories(host, config);
  read_ports(host, config);
  read_processes(host, config);
  read_certificates(host, config);
  read_http(host, config);
  read_backups(host, config);
  config.memory = host.boolean("memory").value_or(false);
  read_timing(host, config);
  return config;
}

std::optional<HostConfig> load_host_config_file(const std::string& path, Diagnostics& diagnostics) {
  std::optional<YamlFile> file = load_yaml_file(path, diagnostics);
  if (!file) return std::nullopt;
  HostConfig config = read_host_config(*file, file->root, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return config;
}

}  // namespace symptree
