// gzip through zlib's deflate with the gzip wrapper.
#include "exporter/web/gzip.h"

#include <strings.h>
#include <zlib.h>

#include <sstream>
#include <stdexcept>

namespace symptree {

bool accepts_gzip(const std::string& accept_encoding) {
  std::stringstream entries(accept_encoding);
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    size_t begin = entry.find_first_not_of(" \t");
    if (begin == std::string::npos) continue;
    size_t semicolon = entry.find(';', begin);
    std::string coding = entry.substr(begin, semicolon == std::string::npos ? std::string::npos : semicolon - begin);
    coding.erase(coding.find_last_not_of(" \t") + 1);
    if (strcasecmp(coding.c_str(), "gzip") != 0) continue;
    if (semicolon == std::string::npos) return true;
    std::string parameters = entry.substr(semicolon + 1);
    size_t q = parameters.find("q=");
    return q == std::string::npos || std::strtod(parameters.c_str() + q + 2, nullptr) > 0;
  }
  return false;
}

std::string gzip_compress(const std::string& text) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

}  // namespace symptree
