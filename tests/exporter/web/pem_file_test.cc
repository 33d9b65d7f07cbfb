// PEM files read for TLS: a chain in file order, a key, and what is wrong with
// a file that is not one, in words (real files, made by OpenSSL).
#include <doctest/doctest.h>

#include "exporter/web/pem_file.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("pem files: a chain in file order, a key, and their problems") {
  TempDir dir;
  make_certificate(dir / "leaf.crt", dir / "leaf.key", -1, 30);
  make_certificate(dir / "ca.crt", dir / "ca.key", -1, 30);
  write_file(dir / "chain.crt", read_file(dir / "leaf.crt") + read_file(dir / "ca.crt"));
  write_file(dir / "garbage", "hello\n");
  std::string problem;
  std::vector<X509Ptr> chain = read_pem_certificates(dir / "chain.crt", problem);
  REQUIRE(chain.size() == 2);
  CHECK(problem.empty());
  std::vector<X509Ptr> leaf = read_pem_certificates(dir / "leaf.crt", problem);
  REQUIRE(leaf.size() == 1);
  CHECK(X509_cmp(chain[0].get(), leaf[0].get()) == 0);
  CHECK(read_pem_private_key(dir / "leaf.key", problem) != nullptr);

  CHECK(read_pem_certificates(dir / "garbage", problem).empty());
  CHECK(problem == "is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)");
  CHECK(read_pem_certificates(dir / "leaf.key", problem).empty());
  CHECK(problem == "is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)");
  CHECK(read_pem_private_key(dir / "leaf.crt", problem) == nullptr);
  CHECK(problem == "is not a PEM private key (no -----BEGIN PRIVATE KEY----- line)");
  CHECK(read_pem_private_key(dir / "nothing", problem) == nullptr);
  CHECK(problem == "does not exist");

  // A second block that does not parse is not silently dropped from the chain.
  write_file(dir / "bad-chain.crt", read_file(dir / "leaf.crt") +
                                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  CHECK(read_pem_certificates(dir / "bad-chain.crt", problem).empty());
  CHECK(problem.rfind("has a certificate after the first that is not valid (", 0) == 0);
}
