// The certificate collector: validity period of each PEM certificate, parse
// failures, and whether the configured private key matches it (the
// flowchart's `openssl x509 -noout -dates -in server.crt`).
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>

#include "exporter/core/collector_registry.h"

namespace symptree {
namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The first OpenSSL error on this thread's queue, or `fallback`; clears the queue.
std::string openssl_error(const std::string& fallback) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return fallback;
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

// Opens as fopen does, so a path on a hung mount blocks here, under the timeout.
// `error` is set only when the file cannot be opened; a file that opens but does
// not parse gives a null certificate and counts as a parse failure.
// A path that is not a regular file (a FIFO, a device) is refused before it is opened.
// `error` is "<cannot_open>: <errno text>" when stat fails.
bool regular_file(FileSystem& file_system, const std::string& path, const char* cannot_open, std::string& error) {
  struct stat st;
  if (int code = file_system.stat(path, st)) {
    error = std::string(cannot_open) + ": " + std::strerror(code);
    return false;
  }
  if (S_ISREG(st.st_mode)) return true;
  error = S_ISFIFO(st.st_mode) ? "not a regular file (a FIFO)" : "not a regular file";
  return false;
}

X509Ptr read_certificate(FileSystem& file_system, const std::string& path, std::string& error) {
  if (!regular_file(file_system, path, "cannot open", error)) return X509Ptr(nullptr, X509_free);
  int code = 0;
  FilePtr file = file_system.open_read(path, code);
  if (!file) {
    error = std::string("cannot open: ") + std::strerror(code);
    return X509Ptr(nullptr, X509_free);
  }
  X509Ptr certificate(PEM_read_X509(file.get(), nullptr, nullptr, nullptr), X509_free);
  if (!certificate) ERR_clear_error();
  return certificate;
}

KeyPtr read_key(FileSystem& file_system, const std::string& path, std::string& error) {
  if (!regular_file(file_system, path, "cannot open key", error)) return KeyPtr(nullptr, EVP_PKEY_free);
  int code = 0;
  FilePtr file = file_system.open_read(path, code);
  if (!file) {
    error = std::string("cannot open key: ") + std::strerror(code);
    return KeyPtr(nullptr, EVP_PKEY_free);
  }
  KeyPtr key(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) error = "not a PEM private key: " + openssl_error("no key found");
  return key;
}

double unix_seconds(const ASN1_TIME* time) {
  struct tm parts = {};
  if (!ASN1_TIME_to_tm(time, &parts)) return 0;
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
    std::string error;
    X509Ptr certificate = read_certificate(file_system_, probe.path, error);
    if (!certificate) {
      if (error.empty()) failures++;
      if (!error.empty()) context.fail(probe.path, error);
      out.add(metric::certificate_valid, {probe.name}, 0);
      out.add(metric::certificate_parse_failures_total, {probe.name}, failures);
      return;
    }
    double not_before = unix_seconds(X509_get0_notBefore(certificate.get()));
    double not_after = unix_seconds(X509_get0_notAfter(certificate.get()));
    double now = static_cast<double>(std::time(nullptr));
    bool valid = not_before <= now && now <= not_after;
    if (!probe.key_path.empty() && context.begin(probe.key_path)) {
      KeyPtr key = read_key(file_system_, probe.key_path, error);
      if (!key) context.fail(probe.key_path, error);
      bool match = key && X509_check_private_key(certificate.get(), key.get()) == 1;
      ERR_clear_error();
      out.add(metric::certificate_key_match, {probe.name}, match ? 1 : 0);
      valid = valid && match;
    }
    out.add(metric::certificate_not_before_timestamp_seconds, {probe.name}, not_before);
    out.add(metric::certificate_not_after_timestamp_seconds, {probe.name}, not_after);
    out.add(metric::certificate_valid, {probe.name}, valid ? 1 : 0);
    out.add(metric::certificate_parse_failures_total, {probe.name}, failures);
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
