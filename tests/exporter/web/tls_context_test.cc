// --check-config checks what the start checks: certificate and key files
// readable and parseable, key matching the certificate, TLS versions ordered,
// bcrypt hashes and their cost, each at its file:line:column; the start refuses the same.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "running_exporter.h"
#include "test_support.h"

using namespace symptree::testing;

TEST_CASE("--check-config and the start refuse bad TLS files, versions and hashes at their positions") {
  TempDir dir;
  make_certificate(dir / "server.crt", dir / "server.key", -1, 30);
  make_certificate(dir / "other.crt", dir / "other.key", -1, 30);
  write_file(dir / "garbage.crt", "not a certificate\n");
  mkdir((dir / "certdir").c_str(), 0700);
  write_file(dir / "exporter.yml", "memory: true\n");
  std::string hash = bcrypt_hash("secret");
  std::string cost15 = hash.substr(0, 4) + "15" + hash.substr(6);
  struct Case {
    std::string yaml;
    std::string expected;
  };
  std::vector<Case> cases = {
      {"tls_server_config:\n  cert_file: missing.crt\n  key_file: server.key\n",
       "web.yml:2:14: error: cannot load the certificate"},
      {"tls_server_config:\n  cert_file: garbage.crt\n  key_file: server.key\n",
       "web.yml:2:14: error: cannot load the certificate"},
      {"tls_server_config:\n  cert_file: certdir\n  key_file: server.key\n",
       "web.yml:2:14: error: cannot load the certificate"},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: garbage.crt\n",
       "web.yml:3:13: error: cannot load the key"},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: other.key\n",
       "web.yml:3:13: error: the key '" + dir / "other.key" + "' does not match the certificate"},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS13\n  max_version: TLS12\n",
       "web.yml:4:16: error: min_version TLS13 is above max_version TLS12"},
      {"basic_auth_users:\n  alice: $2y$10$tooShort\n", "web.yml:2:10: error: the password of 'alice' is not a bcrypt hash"},
      {"basic_auth_users:\n  alice: " + hash.substr(0, 7) + "!" + hash.substr(8) + "\n",
       "web.yml:2:10: error: the password of 'alice' is not a bcrypt hash"},
      {"basic_auth_users:\n  alice: " + cost15 + "\n", "web.yml:2:10: error: the bcrypt cost of 'alice' is 15, above 14"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    write_file(dir / "web.yml", c.yaml);
    std::string base = "--config.file " + dir / "exporter.yml" + " --web.config.file " + dir / "web.yml";
    std::string output;
    CHECK(run_exporter(base + " --check-config", output) == 2);
    CHECK_MESSAGE(output.find(c.expected) != std::string::npos, output);
    CHECK(run_exporter(base + " --web.listen-address 127.0.0.1:" + std::to_string(free_port()), output) == 2);
    CHECK_MESSAGE(output.find(c.expected) != std::string::npos, output);
  }
  write_file(dir / "web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                              "basic_auth_users:\n  alice: " + hash + "\n");
  std::string output;
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --web.config.file " + dir / "web.yml" +
                         " --check-config", output) == 0);
}
