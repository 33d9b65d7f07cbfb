// The OpenSSL server context built from web-config.yml's tls_server_config:
// certificate chain, key (checked against the certificate), client CA and the
// version range. The same function serves the start and --check-config, so
// the check cannot say "ok" for files the start would refuse.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

#include "exporter/web/web_config.h"

namespace symptree {

struct SslCtxFree {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using SslContext = std::unique_ptr<SSL_CTX, SslCtxFree>;

// Builds the context; on a problem returns null and reports it at the
// position of the key that names the file in `diagnostics`.
SslContext make_tls_context(const WebConfig& web, Diagnostics& diagnostics);

}  // namespace symptree
