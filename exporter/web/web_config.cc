// Parsing of the exporter-toolkit web configuration file.
#include "exporter/web/web_config.h"

#include <algorithm>
#include <cctype>

#include "common/yaml_reader.h"

namespace symptree {
namespace {

const std::vector<std::string> kTlsVersions = {"TLS10", "TLS11", "TLS12", "TLS13"};
const std::vector<std::string> kHeaders = {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                                           "X-XSS-Protection", "Strict-Transport-Security"};

// Reports keys exporter-toolkit knows but this exporter does not implement.
void reject_unsupported(const MapReader& map, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    if (map.has(key)) {
      map.diagnostics().error(map.where(key), "'" + key + "' is not supported by symptree-exporter",
                              "remove it; see exporter/README.md for the supported web configuration");
    }
  }
}

std::string relative_to(const std::string& config_path, const std::string& file) {
  if (file.empty() || file[0] == '/') return file;
  size_t slash = config_path.rfind('/');
  return slash == std::string::npos ? file : config_path.substr(0, slash + 1) + file;
}

std::string read_tls_version(const MapReader& tls, const std::string& key, const std::string& fallback) {
  std::optional<std::string> version = tls.string(key);
  if (!version) return fallback;
  for (const std::string& known : kTlsVersions) {
    if (*version == known) return *version;
  }
  tls.diagnostics().error(tls.where(key), "unknown TLS version '" + *version + "'", suggestion(*version, kTlsVersions));
  return fallback;
}

void read_tls(const YamlFile& file, const MapReader& top, WebConfig& config) {
  YamlNode node = top.mapping("tls_server_config");
  if (!node.IsDefined()) return;
  const std::vector<std::string> unsupported = {"cert", "key", "client_ca", "client_allowed_sans", "cipher_suites",
                                                "curve_preferences"};
  std::vector<std::string> keys = {"cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version",
                                   "max_version", "prefer_server_cipher_suites"};
  keys.insert(keys.end(), unsupported.begin(), unsupported.end());
  MapReader tls(file, node, "tls_server_config", keys, top.diagnostics());
  if (!tls.valid()) return;
  reject_unsupported(tls, unsupported);
  config.cert_file = relative_to(file.path, tls.string("cert_file", true).value_or(""));
  config.key_file = relative_to(file.path, tls.string("key_file", true).value_or(""));
  config.client_ca_file = relative_to(file.path, tls.string("client_ca_file").value_or(""));
  config.cert_position = tls.where("cert_file");
  config.key_position = tls.where("key_file");
  config.client_ca_position = tls.where("client_ca_file");
  std::string auth = tls.string("client_auth_type").value_or("NoClientCert");
  if (auth != "NoClientCert" && auth != "RequireAndVerifyClientCert") {
    tls.diagnostics().error(tls.where("client_auth_type"), "client_auth_type '" + auth + "' is not supported",
                            "use NoClientCert or RequireAndVerifyClientCert");
  } else if ((auth == "RequireAndVerifyClientCert") != !config.client_ca_file.empty()) {
    tls.diagnostics().error(tls.where("client_auth_type"),
                            "RequireAndVerifyClientCert and client_ca_file go together");
  }
  config.min_version = read_tls_version(tls, "min_version", config.min_version);
  config.max_version = read_tls_version(tls, "max_version", config.max_version);
  auto rank = [](const std::string& version) {
    return std::find(kTlsVersions.begin(), kTlsVersions.end(), version) - kTlsVersions.begin();
  };
  if (rank(config.min_version) > rank(config.max_version)) {
    tls.diagnostics().error(tls.has("min_version") ? tls.where("min_version") : tls.where("max_version"),
                            "min_version " + config.min_version + " is above max_version " + config.max_version,
                            "min_version must not exceed max_version");
  }
  tls.boolean("prefer_server_cipher_suites");  // type-checked; OpenSSL's server preference is used
}

void read_http_server(const YamlFile& file, const MapReader& top, WebConfig& config) {
  YamlNode node = top.mapping("http_server_config");
  if (!node.IsDefined()) return;
  MapReader http(file, node, "http_server_config", {"http2", "headers"}, top.diagnostics());
  if (!http.valid()) return;
  http.boolean("http2");  // accepted for compatibility; this server speaks HTTP/1.1
  YamlNode headers_node = http.mapping("headers");
  if (!headers_node.IsDefined()) return;
  MapReader headers(file, headers_node, "headers", kHeaders, top.diagnostics());
  for (const std::string& name : kHeaders) {
    std::optional<std::string> value = headers.string(name);
    if (value) config.headers.push_back({name, *value});
  }
}

void read_users(const YamlFile& file, const MapReader& top, WebConfig& config) {
  YamlNode users = top.mapping("basic_auth_users");
  if (!users.IsDefined()) return;
  for (const auto& entry : users) {
    std::optional<std::string> user = read_scalar(file, entry.first, "a user name", top.diagnostics());
    std::optional<std::string> hash = read_scalar(file, entry.second, "a bcrypt hash", top.diagnostics());
    if (!user || !hash) continue;
    if (!is_bcrypt_hash(*hash)) {
      top.diagnostics().error(file.position(entry.second), "the password of '" + *user + "' is not a bcrypt hash",
                              "hash it with: htpasswd -nBC 10 \"\" | tr -d ':\\n'");
      continue;
    }
    int cost = std::stoi(hash->substr(4, 2));
    if (cost > kMaxBcryptCost) {
      top.diagnostics().error(file.position(entry.second),
                              "the bcrypt cost of '" + *user + "' is " + std::to_string(cost) + ", above " +
                                  std::to_string(kMaxBcryptCost),
                              "every wrong password would cost 2^" + std::to_string(cost) +
                                  " rounds of CPU; hash it again with htpasswd -nBC 10");
      continue;
    }
    config.basic_auth_users[*user] = *hash;
  }
}

}  // namespace

bool is_bcrypt_hash(const std::string& hash) {
  static const std::string alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  if (hash.size() != 60 || hash[0] != '$' || hash[1] != '2' || std::string("aby").find(hash[2]) == std::string::npos ||
      hash[3] != '$' || hash[6] != '$' || !std::isdigit(static_cast<unsigned char>(hash[4])) ||
      !std::isdigit(static_cast<unsigned char>(hash[5]))) {
    return false;
  }
  int cost = (hash[4] - '0') * 10 + (hash[5] - '0');
  return cost >= 4 && cost <= 31 && hash.find_first_not_of(alphabet, 7) == std::string::npos;
}

std::optional<WebConfig> load_web_config(const std::string& path, Diagnostics& diagnostics) {
  std::optional<YamlFile> file = load_yaml_file(path, diagnostics);
  if (!file) return std::nullopt;
  WebConfig config;
  if (file->root.IsNull()) return config;  // an empty file: plain HTTP, no auth
  MapReader top(*file, file->root, "the web configuration",
                {"tls_server_config", "http_server_config", "basic_auth_users", "rate_limit"}, diagnostics);
  if (!top.valid()) return std::nullopt;
  reject_unsupported(top, {"rate_limit"});
  read_tls(*file, top, config);
  read_http_server(*file, top, config);
  read_users(*file, top, config);
  if (diagnostics.has_errors()) return std::nullopt;
  return config;
}

}  // namespace symptree
