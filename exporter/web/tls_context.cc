// TLS context construction with one error per bad file, at its position.
#include "exporter/web/tls_context.h"

#include <openssl/err.h>
#include <openssl/x509.h>

namespace symptree {
namespace {

int tls_version(const std::string& name) {
  if (name == "TLS10") return TLS1_VERSION;
  if (name == "TLS11") return TLS1_1_VERSION;
  if (name == "TLS13") return TLS1_3_VERSION;
  return TLS1_2_VERSION;
}

// OpenSSL's last error as text ("no start line", "key values mismatch"), or the errno text.
std::string openssl_error() {
  unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "unreadable";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  std::string message = text;
  size_t reason = message.rfind(':');
  return reason == std::string::npos ? message : message.substr(reason + 1);
}

}  // namespace

SslContext make_tls_context(const WebConfig& web, Diagnostics& diagnostics) {
  ERR_clear_error();
  SslContext context(SSL_CTX_new(TLS_server_method()));
  if (!context) {
    diagnostics.error(web.cert_position, "cannot create a TLS context: " + openssl_error());
    return nullptr;
  }
  bool ok = true;
  if (SSL_CTX_use_certificate_chain_file(context.get(), web.cert_file.c_str()) != 1) {
    diagnostics.error(web.cert_position, "cannot load the certificate '" + web.cert_file + "': " + openssl_error(),
                      "cert_file must name a readable PEM certificate");
    ok = false;
  }
  if (SSL_CTX_use_PrivateKey_file(context.get(), web.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    bool mismatch = ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH;
    if (mismatch) {
      diagnostics.error(web.key_position, "the key '" + web.key_file + "' does not match the certificate '" +
                                              web.cert_file + "': " + openssl_error());
    } else {
      diagnostics.error(web.key_position, "cannot load the key '" + web.key_file + "': " + openssl_error(),
                        "key_file must name a readable PEM private key");
    }
    ok = false;
  } else if (ok && SSL_CTX_check_private_key(context.get()) != 1) {
    diagnostics.error(web.key_position, "the key '" + web.key_file + "' does not match the certificate '" +
                                            web.cert_file + "': " + openssl_error());
    ok = false;
  }
  if (!web.client_ca_file.empty()) {
    if (SSL_CTX_load_verify_locations(context.get(), web.client_ca_file.c_str(), nullptr) != 1) {
      diagnostics.error(web.client_ca_position,
                        "cannot load the client CA '" + web.client_ca_file + "': " + openssl_error());
      ok = false;
    }
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  }
  SSL_CTX_set_min_proto_version(context.get(), tls_version(web.min_version));
  SSL_CTX_set_max_proto_version(context.get(), tls_version(web.max_version));
  SSL_CTX_set_mode(context.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (!ok) return nullptr;
  return context;
}

}  // namespace symptree
