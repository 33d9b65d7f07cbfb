// An HTTP response and its bytes on the wire (HTTP/1.1, Content-Length framed).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace symptree {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  HeaderList headers;
  bool close = false;  // close the connection after it (errors that leave the stream unknown)
};

// A plain-text response, e.g. text_response(503, "too many concurrent scrapes\n").
HttpResponse text_response(int status, std::string body);

// The status line, headers (then `defaults`) and, unless `head_only`, the body.
// `keep_alive` false adds "Connection: close".
std::string serialize_response(const HttpResponse& response, bool keep_alive, bool head_only, const HeaderList& defaults);

}  // namespace symptree
