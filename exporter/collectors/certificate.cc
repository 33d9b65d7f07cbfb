// The certificate collector: validity period of each PEM certificate, parse
// failures, and whether the configured private key matches it (the
// flowchart's `openssl x509 -noout -dates -in server.crt`). A value it could
// not determine (the certificate or key unreadable, refused or skipped) is
// absent, never 0: the failure shows as the collector's success=0 and a log
// line naming the path, not as an invalid certificate.
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <ctime>
#include <map>
#include <memory>
#include <optional>

#include "exporter/core/collector_registry.h"
#include "exporter/core/openssl_error.h"
#include "exporter/core/regular_file.h"

namespace symptree {
namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// What reading one certificate gave: the certificate, or why there is none.
struct ReadCertificate {
  X509Ptr certificate{nullptr, X509_free};
  bool parse_failure = false;  // the file was read but holds no PEM certificate
  std::string problem;         // the file could not be read; set when not a parse failure
};

ReadCertificate read_certificate(FileSystem& file_system, const std::string& path) {
  ReadCertificate read;
  OpenProblem problem;
  FilePtr file = open_regular_file(file_system, path, problem);
  if (!file) {
    read.problem = "the certificate " + problem.text;
    return read;
  }
  read.certificate.reset(PEM_read_X509(file.get(), nullptr, nullptr, nullptr));
  read.parse_failure = !read.certificate;
  ERR_clear_error();
  return read;
}

// The key, or null with `problem` set: unreadable (`readable` false) or not a PEM key.
KeyPtr read_key(FileSystem& file_system, const std::string& path, bool& readable, std::string& problem) {
  OpenProblem open_problem;
  FilePtr file = open_regular_file(file_system, path, open_problem);
  readable = file != nullptr;
  if (!file) {
    problem = "the key " + open_problem.text;
    return KeyPtr(nullptr, EVP_PKEY_free);
  }
  KeyPtr key(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) problem = "the key is not a PEM private key (" + openssl_reason("no key found") + ")";
  return key;
}

std::optional<double> unix_seconds(const ASN1_TIME* time) {
  struct tm parts = {};
  if (!time || !ASN1_TIME_to_tm(time, &parts)) return std::nullopt;
  return static_cast<double>(timegm(&parts));
}

class CertificateCollector : public CollectorOf<CollectorId::certificate> {
 public:
  CertificateCollector(std::vector<CertificateProbe> probes, FileSystem& file_system)
      : probes_(std::move(probes)), file_system_(file_system) {
    // Filled now: workers for different certificates may run at once after a timeout.
    for (const CertificateProbe& probe : probes_) parse_failures_[probe.name] = 0;
  }

  void collect_into(ProbeContext& context, Out& out) override {
    for (const CertificateProbe& probe : probes_) {
      if (!context.begin(probe.path)) continue;
      collect_one(probe, context, out);
    }
  }

 private:
  void collect_one(const CertificateProbe& probe, ProbeContext& context, Out& out) {
    double& failures = parse_failures_.at(probe.name);
    ReadCertificate read = read_certificate(file_system_, probe.path);
    if (read.parse_failure) failures++;
    out.add(metric::certificate_parse_failures_total, {probe.name}, failures);
    if (read.parse_failure) {
      out.add(metric::certificate_valid, {probe.name}, 0);  // read, and not a certificate
      return;
    }
    if (!read.certificate) {
      context.fail(probe.path, read.problem);
      return;
    }
    std::optional<bool> in_period = validity_period(*read.certificate, probe, context, out);
    std::optional<bool> match = key_match(*read.certificate, probe, context, out);
    // Valid needs both; either being false decides it, either unknown leaves it unknown.
    if (in_period == false || match == false) {
      out.add(metric::certificate_valid, {probe.name}, 0);
    } else if (in_period == true && match == true) {
      out.add(metric::certificate_valid, {probe.name}, 1);
    }
  }

  // Adds the period's bounds; whether now is inside it, unknown when a bound cannot be read.
  static std::optional<bool> validity_period(const X509& certificate, const CertificateProbe& probe,
                                             ProbeContext& context, Out& out) {
    std::optional<double> not_before = unix_seconds(X509_get0_notBefore(&certificate));
    std::optional<double> not_after = unix_seconds(X509_get0_notAfter(&certificate));
    if (not_before) out.add(metric::certificate_not_before_timestamp_seconds, {probe.name}, *not_before);
    if (not_after) out.add(metric::certificate_not_after_timestamp_seconds, {probe.name}, *not_after);
    double now = static_cast<double>(std::time(nullptr));
    if ((not_before && now < *not_before) || (not_after && now > *not_after)) return false;
    if (not_before && not_after) return true;
    context.fail(probe.path, "the certificate's validity dates cannot be read");
    return std::nullopt;
  }

  // Adds key_match when it is known; true when no key is configured, unknown
  // when the key cannot be read or is skipped (hung earlier).
  std::optional<bool> key_match(const X509& certificate, const CertificateProbe& probe, ProbeContext& context,
                                Out& out) {
    if (probe.key_path.empty()) return true;
    if (!context.begin(probe.key_path)) return std::nullopt;
    bool readable = false;
    std::string problem;
    KeyPtr key = read_key(file_system_, probe.key_path, readable, problem);
    if (!key) context.fail(probe.key_path, problem);
    if (!readable) return std::nullopt;
    // A key that reads but is not a PEM private key matches no certificate.
    bool match = key && X509_check_private_key(&certificate, key.get()) == 1;
    ERR_clear_error();
    out.add(metric::certificate_key_match, {probe.name}, match ? 1 : 0);
    return match;
  }

  std::vector<CertificateProbe> probes_;
  std::map<std::string, double> parse_failures_;
  FileSystem& file_system_;
};

const bool registered = register_collector(
    CollectorId::certificate, Enabled::when_configured, [](const HostConfig& config, FileSystem& fs) {
      return std::make_shared<CertificateCollector>(config.certificates, fs);
    });

}  // namespace
}  // namespace symptree
