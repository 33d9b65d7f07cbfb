// What symptree-exporter watches on a host: the `host:` section of a spec and,
// verbatim, the exporter's own exporter.yml. One parser serves both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/duration.h"
#include "common/yaml_reader.h"

namespace symptree {

// A mounted filesystem, checked with statvfs (the flowchart's `df -h`).
struct FilesystemProbe {
  std::string name;
  std::string path;
  SourcePosition where;
};

// A directory such as the WAL (the flowchart's `du -sh data/wal/`, `ls -la data/wal/`).
struct DirectoryProbe {
  std::string name;
  std::string path;
  std::string magic_hex;       // expected first bytes of each segment, hex; empty: not checked
  std::string segment_glob;    // which files are segments for the magic check
  std::string writable_by;     // user that must be able to write here; empty: not checked
  SourcePosition where;
};

// A TCP port that must be held by a named process (the flowchart's `lsof -i :PORT`).
struct PortProbe {
  int port = 0;
  std::string owner;  // process name (comm) expected to hold it
  SourcePosition where;
};

// A process that must be running, matched by name (comm or executable basename).
struct ProcessProbe {
  std::string name;
  SourcePosition where;
};

// A PEM certificate and optionally its private key.
struct CertificateProbe {
  std::string name;
  std::string path;
  std::string key_path;
  SourcePosition where;
};

// An HTTP GET probe (the flowchart's `curl /v1/health`).
struct HttpProbe {
  std::string name;
  std::string url;
  int expect_status = 200;
  SourcePosition where;
};

// A folder of backups, each a file or directory matching `glob`, optionally
// with a JSON metadata file inside whose numeric `fields` are exported.
struct BackupProbe {
  std::string name;
  std::string dir;
  std::string glob;
  std::string metadata;
  std::vector<std::string> fields;
  SourcePosition where;
};

// Everything one exporter watches.
struct HostConfig {
  std::vector<FilesystemProbe> filesystems;
  std::vector<DirectoryProbe> directories;
  std::vector<PortProbe> ports;
  std::vector<ProcessProbe> processes;
  std::vector<CertificateProbe> certificates;
  std::vector<HttpProbe> http;
  std::vector<BackupProbe> backups;
  bool memory = false;
  Duration timeout = duration_from_ms(5000);   // per collector, per scrape
  Duration rescan = duration_from_ms(300000);  // full directory rescan to correct drift

  // Whether this config has at least one probe of the catalogue kind `key`;
  // always true for a kind that needs no settings (CollectorInfo::always).
  bool has_probe_kind(const std::string& key) const;
  // The names (ports: the numbers) of this config's probes of kind `key`, in order.
  std::vector<std::string> probe_identities(const std::string& key) const;
};

// The keys a host section accepts.
const std::vector<std::string>& host_config_keys();

// Reads a host section (a mapping); problems go to `diagnostics`.
HostConfig read_host_config(const YamlFile& file, const YamlNode& node, Diagnostics& diagnostics);

// Reads exporter.yml, whose top level is a host section.
std::optional<HostConfig> load_host_config_file(const std::string& path, Diagnostics& diagnostics);

// The host section as exporter.yml text, in the form read_host_config accepts.
std::string render_host_config(const HostConfig& config);

}  // namespace symptree
