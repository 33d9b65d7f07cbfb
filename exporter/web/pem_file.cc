// PEM files: checked and read through open_regular_file, then parsed from memory.
#include "exporter/web/pem_file.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <optional>

#include "exporter/core/openssl_error.h"
#include "exporter/core/regular_file.h"

namespace symptree {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

// The whole file, or nothing with `problem` set.
std::optional<std::string> read_text(const std::string& path, std::string& problem) {
  OpenProblem open_problem;
  FilePtr file = open_regular_file(real_file_system(), path, open_problem);
  if (!file) {
    problem = open_problem.text;
    return std::nullopt;
  }
  return read_all(file.get());
}

// Whether `text` has a "-----BEGIN <...><label>-----" line ("PRIVATE KEY" matches "EC PRIVATE KEY").
bool has_pem_block(const std::string& text, const std::string& label) {
  for (size_t begin = text.find("-----BEGIN "); begin != std::string::npos; begin = text.find("-----BEGIN ", begin + 1)) {
    size_t end = text.find("-----", begin + 11);
    if (end != std::string::npos && end >= label.size() && text.compare(end - label.size(), label.size(), label) == 0) {
      return true;
    }
  }
  return false;
}

BioPtr memory_bio(const std::string& text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// Declines to ask for a passphrase (OpenSSL's default asks on the terminal).
int no_passphrase(char*, int, int, void*) { return -1; }

}  // namespace

std::vector<X509Ptr> read_pem_certificates(const std::string& path, std::string& problem) {
  std::vector<X509Ptr> certificates;
  std::optional<std::string> text = read_text(path, problem);
  if (!text) return certificates;
  if (!has_pem_block(*text, "CERTIFICATE")) {
    problem = "is not a PEM certificate (no -----BEGIN CERTIFICATE----- line)";
    return certificates;
  }
  ERR_clear_error();
  BioPtr bio = memory_bio(*text);
  // The first may carry trust settings ("TRUSTED CERTIFICATE"), as OpenSSL's chain file reader allows.
  X509Ptr leaf(PEM_read_bio_X509_AUX(bio.get(), nullptr, no_passphrase, nullptr));
  if (!leaf) {
    problem = "is not a valid PEM certificate (" + openssl_reason("it does not parse") + ")";
    return certificates;
  }
  certificates.push_back(std::move(leaf));
  while (X509Ptr next{PEM_read_bio_X509(bio.get(), nullptr, no_passphrase, nullptr)}) {
    certificates.push_back(std::move(next));
  }
  // Reading stops at the end of the file ("no start line") or at a block that does not parse.
  unsigned long last = ERR_peek_last_error();
  if (ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE) {
    ERR_clear_error();
  } else if (last != 0) {
    problem = "has a certificate after the first that is not valid (" + openssl_reason("it does not parse") + ")";
    certificates.clear();
  }
  return certificates;
}

EvpPkeyPtr read_pem_private_key(const std::string& path, std::string& problem) {
  std::optional<std::string> text = read_text(path, problem);
  if (!text) return nullptr;
  if (!has_pem_block(*text, "PRIVATE KEY")) {
    problem = "is not a PEM private key (no -----BEGIN PRIVATE KEY----- line)";
    return nullptr;
  }
  ERR_clear_error();
  BioPtr bio = memory_bio(*text);
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (key) return key;
  bool encrypted = has_pem_block(*text, "ENCRYPTED PRIVATE KEY") || text->find("Proc-Type: 4,ENCRYPTED") != std::string::npos;
  problem = encrypted ? "is encrypted (a key with a passphrase is not supported)"
                      : "is not a valid PEM private key (" + openssl_reason("it does not parse") + ")";
  ERR_clear_error();
  return nullptr;
}

}  // namespace symptree
