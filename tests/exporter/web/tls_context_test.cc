// --check-config checks what the start checks: certificate and key files
// readable and parseable, key matching the certificate, TLS versions ordered,
// bcrypt hashes and their cost, each at its file:line:column, with what is
// wrong with a file in words; the start refuses the same.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "running_exporter.h"
#include "test_support.h"

using namespace symptree::testing;

TEST_CASE("--check-config and the start refuse bad TLS files, versions and hashes at their positions") {
  TempDir dir;
  make_certificate(dir / "server.crt", dir / "server.key", -1, 30);
  make_certificate(dir / "other.crt", dir / "other.key", -1, 30);
  write_file(dir / "garbage.crt", "not a certificate\n");
  // A PEM block of the right name whose base64 is damaged.
  std::string broken = read_file(dir / "server.crt");
  broken.replace(broken.find('\n') + 10, 8, "!!!!!!!!");
  write_file(dir / "broken.crt", broken);
  REQUIRE(run_command("openssl pkey -in '" + dir / "server.key" + "' -aes256 -passout pass:secret -out '" +
                      dir / "encrypted.key" + "'") == 0);
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
       "web.yml:2:14: error: the certificate '" + dir / "missing.crt" + "' does not exist\n"},
      {"tls_server_config:\n  cert_file: garbage.crt\n  key_file: server.key\n",
       "web.yml:2:14: error: the certificate '" + dir / "garbage.crt" +
           "' is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)\n"},
      {"tls_server_config:\n  cert_file: certdir\n  key_file: server.key\n",
       "web.yml:2:14: error: the certificate '" + dir / "certdir" + "' is a directory, not a regular file\n"},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: garbage.crt\n",
       "web.yml:3:13: error: the key '" + dir / "garbage.crt" +
           "' is not a PEM private key (no -----BEGIN PRIVATE KEY----- line)\n"},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: certdir\n",
       "web.yml:3:13: error: the key '" + dir / "certdir" + "' is a directory, not a regular file\n"},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: missing.key\n",
       "web.yml:3:13: error: the key '" + dir / "missing.key" + "' does not exist\n"},
      {"tls_server_config:\n  cert_file: broken.crt\n  key_file: server.key\n",
       "web.yml:2:14: error: the certificate '" + dir / "broken.crt" + "' is not a valid PEM certificate ("},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: encrypted.key\n",
       "web.yml:3:13: error: the key '" + dir / "encrypted.key" + "' is encrypted (a key with a passphrase is not supported)\n"},
      {"tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n"
       "  client_ca_file: missing-ca.crt\n",
       "web.yml:5:19: error: the client CA '" + dir / "missing-ca.crt" + "' does not exist\n"},
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

TEST_CASE("a FIFO as the TLS certificate is refused without waiting for a writer, a root-only key is 'permission denied'") {
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  make_certificate(dir / "server.crt", dir / "server.key", -1, 30);
  REQUIRE(mkfifo((dir / "fifo.crt").c_str(), 0644) == 0);
  write_file(dir / "exporter.yml", "memory: true\n");
  write_file(dir / "web.yml", "tls_server_config:\n  cert_file: fifo.crt\n  key_file: server.key\n");
  std::vector<std::string> check = {"--config.file", dir / "exporter.yml", "--web.config.file", dir / "web.yml",
                                    "--check-config"};
  // Bounded: an exporter that opened the FIFO would wait for a writer for ever (it is killed at the end).
  CHECK(spawn_exporter(check, dir / "fifo.log")->wait_exit(30000) == 2);
  std::string log = read_file(dir / "fifo.log");
  CHECK_MESSAGE(log.find("web.yml:2:14: error: the certificate '" + dir / "fifo.crt" +
                         "' is a FIFO, not a regular file\n") != std::string::npos, log);

  if (geteuid() != 0) return;  // needs root to run the check as nobody
  chmod((dir / "server.key").c_str(), 0600);  // root's
  write_file(dir / "web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
  CHECK(spawn_exporter(check, dir / "nobody.log", /*as_nobody=*/true)->wait_exit(30000) == 2);
  log = read_file(dir / "nobody.log");
  CHECK_MESSAGE(log.find("web.yml:3:13: error: the key '" + dir / "server.key" +
                         "' is not readable (permission denied)\n") != std::string::npos, log);
}
