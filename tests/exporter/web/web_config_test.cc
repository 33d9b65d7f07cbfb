// The web configuration (node_exporter's web-config.yml): TLS files, users,
// headers, and errors with line and column.
#include <doctest/doctest.h>

#include "exporter/web/web_config.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::string config_errors(const std::string& text) {
  TempDir dir;
  write_file(dir / "web.yml", text);
  Diagnostics diagnostics;
  load_web_config(dir / "web.yml", diagnostics);
  std::string out = diagnostics.format();
  size_t at;
  while ((at = out.find(dir.path())) != std::string::npos) out.replace(at, dir.path().size(), "D");
  return out;
}

}  // namespace

TEST_CASE("web config: TLS files relative to the file, users, headers") {
  TempDir dir;
  std::string hash = bcrypt_hash("secret");
  write_file(dir / "web.yml",
             "tls_server_config:\n  cert_file: server.crt\n  key_file: /abs/server.key\n  min_version: TLS13\n"
             "http_server_config:\n  headers:\n    X-Frame-Options: deny\n"
             "basic_auth_users:\n  alice: " + hash + "\n");
  Diagnostics diagnostics;
  std::optional<WebConfig> config = load_web_config(dir / "web.yml", diagnostics);
  INFO(diagnostics.format());
  REQUIRE(config);
  CHECK(config->cert_file == dir / "server.crt");
  CHECK(config->key_file == "/abs/server.key");
  CHECK(config->min_version == "TLS13");
  CHECK(config->basic_auth_users.at("alice") == hash);
  CHECK(config->headers.size() == 1);
}

TEST_CASE("web config: errors carry line and column") {
  CHECK(config_errors("tls_server_config:\n  cert_fil: a\n  key_file: b\n") ==
        "D/web.yml:2:3: error: unknown key 'cert_fil' in tls_server_config\n    hint: did you mean 'cert_file'?\n"
        "D/web.yml:2:3: error: tls_server_config is missing required key 'cert_file'\n");
  CHECK(config_errors("basic_auth_users:\n  bob: plaintext\n").find("web.yml:2:8: error: the password of 'bob' is not a bcrypt hash") !=
        std::string::npos);
  CHECK(config_errors("rate_limit: {interval: 1s}\n").find("web.yml:1:13: error: 'rate_limit' is not supported") !=
        std::string::npos);
  CHECK(config_errors("tls_server_config: {cert_file: a, key_file: b, min_version: TLS14}\n")
            .find("unknown TLS version 'TLS14'") != std::string::npos);
}
