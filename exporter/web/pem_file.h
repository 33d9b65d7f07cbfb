// The PEM files web-config.yml names (cert_file, key_file, client_ca_file),
// read by the exporter itself before OpenSSL parses them, so that what is
// wrong is said in words at --check-config and at the start ("does not
// exist", "is a directory, not a regular file", "is not readable (permission
// denied)", "is not a PEM certificate") rather than as OpenSSL's "system lib"
// or "PEM lib"; OpenSSL's own reason is used only when the file has the
// right form but does not parse. A FIFO is refused without being opened.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

namespace symptree {

struct X509Free {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
struct EvpPkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// Every certificate in `path`, in file order (the leaf first for a chain); at
// least one, or none with `problem` set (to complete "the certificate 'PATH' ...").
std::vector<X509Ptr> read_pem_certificates(const std::string& path, std::string& problem);

// The private key in `path` (unencrypted: no passphrase is asked for), or null with `problem` set.
EvpPkeyPtr read_pem_private_key(const std::string& path, std::string& problem);

}  // namespace symptree
