// The web configuration file of node_exporter and the other Prometheus
// exporters (--web.config.file): TLS, bcrypt basic auth and response headers.
// The keys symptree-exporter does not implement are rejected with a clear
// error rather than silently ignored.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"

namespace symptree {

// What the exporter's web server is configured with.
struct WebConfig {
  std::string cert_file;       // empty: plain HTTP
  std::string key_file;
  std::string client_ca_file;  // set: clients must present a certificate it signed
  SourcePosition cert_position, key_position, client_ca_position;  // where the file names were written
  std::string min_version = "TLS12";
  std::string max_version = "TLS13";
  std::map<std::string, std::string> basic_auth_users;  // user -> bcrypt hash
  std::vector<std::pair<std::string, std::string>> headers;

  bool tls() const { return !cert_file.empty(); }
};

// The highest bcrypt cost accepted: cost 14 takes about 1 s of CPU per check
// on this class of machine, and every wrong password pays it.
constexpr int kMaxBcryptCost = 14;

// Reads `path`; relative file names in it are taken from the file's directory,
// as exporter-toolkit does.
// Whether `hash` has bcrypt's form: $2a$/$2b$/$2y$, a cost of 04..31, 53 characters of its alphabet.
bool is_bcrypt_hash(const std::string& hash);

std::optional<WebConfig> load_web_config(const std::string& path, Diagnostics& diagnostics);

}  // namespace symptree
