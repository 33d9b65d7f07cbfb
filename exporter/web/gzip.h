// gzip for /metrics when the client sends Accept-Encoding: gzip, as Prometheus does.
#pragma once

#include <string>

namespace symptree {

// Whether an Accept-Encoding value allows gzip (a "gzip" entry whose q is not 0).
bool accepts_gzip(const std::string& accept_encoding);
// `text` as a gzip member (zlib, default level).
std::string gzip_compress(const std::string& text);

}  // namespace symptree
