// render_host_config: a HostConfig as exporter.yml text, through yaml-cpp's
// emitter so that quoting is always right; read_host_config reads it back.
#include "common/host_config.h"

#include <yaml-cpp/yaml.h>

namespace symptree {
namespace {

// Writes `key: value` only when the value differs from the reader's default.
void optional_pair(YAML::Emitter& out, const char* key, const std::string& value, const std::string& fallback = "") {
  if (value != fallback) out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
}

void pair(YAML::Emitter& out, const char* key, const std::string& value) {
  out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
}

template <class Probe, class Write>
void list(YAML::Emitter& out, const char* key, const std::vector<Probe>& probes, Write write) {
  if (probes.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
  for (const Probe& probe : probes) {
    out << YAML::BeginMap;
    write(probe);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

}  // namespace

std::string render_host_config(const HostConfig& config) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  list(out, "filesystems", config.filesystems, [&](const FilesystemProbe& p) {
    pair(out, "name", p.name);
    pair(out, "path", p.path);
  });
  list(out, "directories", config.directories, [&](const DirectoryProbe& p) {
    pair(out, "name", p.name);
    pair(out, "path", p.path);
    optional_pair(out, "magic", p.magic_hex);
    optional_pair(out, "segments", p.segment_glob, "*");
    optional_pair(out, "writable_by", p.writable_by);
  });
  list(out, "ports", config.ports, [&](const PortProbe& p) {
    out << YAML::Key << "port" << YAML::Value << p.port;
    pair(out, "owner", p.owner);
  });
  list(out, "processes", config.processes, [&](const ProcessProbe& p) { pair(out, "name", p.name); });
  list(out, "certificates", config.certificates, [&](const CertificateProbe& p) {
    pair(out, "name", p.name);
    pair(out, "path", p.path);
    optional_pair(out, "key", p.key_path);
  });
  list(out, "http", config.http, [&](const HttpProbe& p) {
    pair(out, "name", p.name);
    pair(out, "url", p.url);
    if (p.expect_status != 200) out << YAML::Key << "expect_status" << YAML::Value << p.expect_status;
  });
  list(out, "backups", config.backups, [&](const BackupProbe& p) {
    pair(out, "name", p.name);
    pair(out, "dir", p.dir);
    optional_pair(out, "glob", p.glob, "*");
    optional_pair(out, "metadata", p.metadata);
    if (!p.fields.empty()) {
      out << YAML::Key << "fields" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const std::string& field : p.fields) out << YAML::DoubleQuoted << field;
      out << YAML::EndSeq;
    }
  });
  if (config.memory) out << YAML::Key << "memory" << YAML::Value << true;
  out << YAML::Key << "timeout" << YAML::Value << config.timeout.text;
  out << YAML::Key << "rescan" << YAML::Value << config.rescan.text;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace symptree
