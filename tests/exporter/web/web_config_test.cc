// Web configuration, basic auth, listen addresses and the host config round trip.
#include <crypt.h>
#include <doctest/doctest.h>

#include "common/host_config.h"
#include "exporter/web/basic_auth.h"
#include "exporter/web/listen_address.h"
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

// A "$2b$" bcrypt hash at the lowest cost, made with libxcrypt.
std::string make_hash(const std::string& password) {
  char salt[64];
  crypt_data data{};
  crypt_gensalt_rn("$2b$", 4, nullptr, 0, salt, sizeof salt);
  return crypt_r(password.c_str(), salt, &data);
}

}  // namespace

TEST_CASE("web config: TLS files relative to the file, users, headers") {
  TempDir dir;
  write_file(dir / "web.yml",
             "tls_server_config:\n  cert_file: server.crt\n  key_file: /abs/server.key\n  min_version: TLS13\n"
             "http_server_config:\n  headers:\n    X-Frame-Options: deny\n"
             "basic_auth_users:\n  alice: " + make_hash("secret") + "\n");
  Diagnostics diagnostics;
  std::optional<WebConfig> config = load_web_config(dir / "web.yml", diagnostics);
  INFO(diagnostics.format());
  REQUIRE(config);
  CHECK(config->cert_file == dir / "server.crt");
  CHECK(config->key_file == "/abs/server.key");
  CHECK(config->min_version == "TLS13");
  CHECK(bcrypt_matches("secret", config->basic_auth_users.at("alice")));
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

TEST_CASE("bcrypt: $2y$ and $2b$ hashes verify through crypt_r; basic auth caches a verified pair") {
  std::string hash = make_hash("secret");
  REQUIRE(hash.rfind("$2b$", 0) == 0);
  CHECK(bcrypt_matches("secret", hash));
  CHECK_FALSE(bcrypt_matches("Secret", hash));
  std::string y_hash = "$2y$" + hash.substr(4);
  CHECK(bcrypt_matches("secret", y_hash));
  CHECK_FALSE(bcrypt_matches("secret", "not a hash"));

  BasicAuth auth({{"alice", y_hash}});
  CHECK(auth.accepts("Basic YWxpY2U6c2VjcmV0"));          // alice:secret
  CHECK(auth.accepts("Basic YWxpY2U6c2VjcmV0"));          // cached
  CHECK_FALSE(auth.accepts("Basic YWxpY2U6d3Jvbmc="));    // alice:wrong
  CHECK_FALSE(auth.accepts("Basic Ym9iOnNlY3JldA=="));    // bob:secret
  CHECK_FALSE(auth.accepts("Bearer abc"));
  CHECK_FALSE(auth.accepts("Basic !!!!"));
}

TEST_CASE("listen addresses") {
  std::string error;
  CHECK(parse_listen_address("127.0.0.1:9188", error)->port == 9188);
  CHECK(parse_listen_address("[::1]:9188", error)->host == "::1");
  CHECK(parse_listen_address(":9188", error)->host == "0.0.0.0");
  CHECK_FALSE(parse_listen_address("127.0.0.1", error));
  CHECK_FALSE(parse_listen_address("127.0.0.1:99999", error));
  CHECK_FALSE(parse_listen_address("::1:9188", error));
}

TEST_CASE("render_host_config round-trips through read_host_config") {
  HostConfig config;
  config.filesystems = {{"data", "/var/lib/stemedb", {}}};
  config.directories = {{"wal", "/var/lib/stemedb/wal", "53544d57", "*.wal", "stemedb", {}},
                        {"logs", "/var/log/x: y #z", "", "*", "", {}}};
  config.ports = {{18180, "stemedb-api", {}}};
  config.processes = {{"stemedb-api", {}}};
  config.certificates = {{"api", "/etc/stemedb/tls/server.crt", "/etc/stemedb/tls/server.key", {}}};
  config.http = {{"health", "http://127.0.0.1:18180/v1/health", 204, {}}};
  config.backups = {{"nightly", "/var/lib/stemedb/backups", "stemedb-backup-*", "metadata.json", {"assertions", "a.b"}, {}}};
  config.memory = true;
  config.timeout = duration_from_ms(2500);
  config.rescan = duration_from_ms(600000);
  std::string text = render_host_config(config);

  Diagnostics diagnostics;
  std::optional<YamlFile> file = parse_yaml_text("exporter.yml", text, diagnostics);
  REQUIRE(file);
  HostConfig back = read_host_config(*file, file->root, diagnostics);
  INFO(text, diagnostics.format());
  REQUIRE_FALSE(diagnostics.has_errors());
  CHECK(render_host_config(back) == text);
  CHECK(back.directories[1].path == "/var/log/x: y #z");
  CHECK(back.directories[0].writable_by == "stemedb");
  CHECK(back.http[0].expect_status == 204);
  CHECK(back.backups[0].fields == std::vector<std::string>{"assertions", "a.b"});
  CHECK(back.timeout.ms == 2500);
  CHECK(back.rescan.ms == 600000);
  CHECK(back.memory);
}
