// openssl_reason: the first queued error's reason string.
#include "exporter/core/openssl_error.h"

#include <openssl/err.h>

namespace symptree {

std::string openssl_reason(const std::string& fallback) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  const char* reason = code ? ERR_reason_error_string(code) : nullptr;
  return reason ? reason : fallback;
}

}  // namespace symptree
