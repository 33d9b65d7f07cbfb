// TLS context construction with one error per bad file, at its position.
#include "exporter/web/tls_context.h"

#include <openssl/err.h>
#include <openssl/x509.h>

#include "exporter/core/openssl_error.h"
#include "exporter/web/pem_file.h"

namespace symptree {
namespace {

int tls_version(const std::string& name) {
  if (name == "TLS10") return TLS1_VERSION;
  if (name == "TLS11") return TLS1_1_VERSION;
  if (name == "TLS13") return TLS1_3_VERSION;
  return TLS1_2_VERSION;
}

// The certificate chain of cert_file into `context`; false after reporting why not.
bool use_certificate_chain(SSL_CTX* context, const WebConfig& web, Diagnostics& diagnostics) {
  std::string problem;
  std::vector<X509Ptr> chain = read_pem_certificates(web.cert_file, problem);
  if (chain.empty()) {
    diagnostics.error(web.cert_position, "the certificate '" + web.cert_file + "' " + problem,
                      "cert_file must name a readable PEM certificate");
    return false;
  }
  bool ok = SSL_CTX_use_certificate(context, chain[0].get()) == 1 && SSL_CTX_clear_chain_certs(context) == 1;
  for (size_t i = 1; ok && i < chain.size(); ++i) ok = SSL_CTX_add1_chain_cert(context, chain[i].get()) == 1;
  if (!ok) {
    diagnostics.error(web.cert_position,
                      "the certificate '" + web.cert_file + "' cannot be used (" + openssl_reason("refused") + ")");
  }
  return ok;
}

// key_file into `context`, checked against the certificate when that loaded; false after reporting why not.
bool use_private_key(SSL_CTX* context, const WebConfig& web, bool certificate_loaded, Diagnostics& diagnostics) {
  std::string problem;
  EvpPkeyPtr key = read_pem_private_key(web.key_file, problem);
  if (!key) {
    diagnostics.error(web.key_position, "the key '" + web.key_file + "' " + problem,
                      "key_file must name a readable PEM private key");
    return false;
  }
  bool mismatch = false;
  if (SSL_CTX_use_PrivateKey(context, key.get()) != 1) {
    mismatch = ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH;
    if (!mismatch) {
      diagnostics.error(web.key_position,
                        "the key '" + web.key_file + "' cannot be used (" + openssl_reason("refused") + ")");
      return false;
    }
  } else if (certificate_loaded && SSL_CTX_check_private_key(context) != 1) {
    mismatch = true;
  }
  if (mismatch) {
    diagnostics.error(web.key_position, "the key '" + web.key_file + "' does not match the certificate '" +
                                            web.cert_file + "' (" + openssl_reason("key values mismatch") + ")");
  }
  return !mismatch;
}

// client_ca_file as the only CAs client certificates are verified against; false after reporting why not.
bool use_client_ca(SSL_CTX* context, const WebConfig& web, Diagnostics& diagnostics) {
  std::string problem;
  std::vector<X509Ptr> authorities = read_pem_certificates(web.client_ca_file, problem);
  bool ok = !authorities.empty();
  X509_STORE* store = SSL_CTX_get_cert_store(context);
  for (const X509Ptr& authority : authorities) {
    if (ok && X509_STORE_add_cert(store, authority.get()) != 1) {
      problem = "cannot be used (" + openssl_reason("refused") + ")";
      ok = false;
    }
  }
  if (!ok) {
    diagnostics.error(web.client_ca_position, "the client CA '" + web.client_ca_file + "' " + problem,
                      "client_ca_file must name a readable PEM certificate");
  }
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  return ok;
}

}  // namespace

SslContext make_tls_context(const WebConfig& web, Diagnostics& diagnostics) {
  ERR_clear_error();
  SslContext context(SSL_CTX_new(TLS_server_method()));
  if (!context) {
    diagnostics.error(web.cert_position, "cannot create a TLS context (" + openssl_reason("out of memory") + ")");
    return nullptr;
  }
  bool certificate_ok = use_certificate_chain(context.get(), web, diagnostics);
  bool key_ok = use_private_key(context.get(), web, certificate_ok, diagnostics);
  bool ca_ok = web.client_ca_file.empty() || use_client_ca(context.get(), web, diagnostics);
  SSL_CTX_set_min_proto_version(context.get(), tls_version(web.min_version));
  SSL_CTX_set_max_proto_version(context.get(), tls_version(web.max_version));
  SSL_CTX_set_mode(context.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (!certificate_ok || !key_ok || !ca_ok) return nullptr;
  return context;
}

}  // namespace symptree
