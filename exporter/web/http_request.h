// An HTTP/1.1 request read incrementally from a connection's bytes, with the
// limits that keep one client from holding memory: 8 KiB of request line and
// headers, 64 KiB of body. Pure: no sockets, so every malformed case is a unit test.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace symptree {

// One parsed request; header names are kept as sent and looked up case-insensitively.
struct HttpRequest {
  std::string method;
  std::string target;   // path and query as sent
  std::string version;  // "HTTP/1.1" or "HTTP/1.0"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header of that name (case-insensitive), or "".
  std::string header(const std::string& name) const;
  // The path without its query.
  std::string path() const;
  // Whether the connection stays open after the answer (HTTP/1.1 unless "close").
  bool keep_alive() const;
};

constexpr size_t kMaxHeaderBytes = 8 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024;

// The outcome of looking at the start of a buffer.
struct ParseResult {
  enum class State { incomplete, complete, error } state = State::incomplete;
  HttpRequest request;  // when complete
  size_t consumed = 0;  // bytes of the buffer the request used, when complete
  int status = 0;       // when error: 400, 413, 414, 431, 501 or 505
  std::string reason;   // when error: what was wrong, for the response body
};

// Parses the first request in `buffer`. Incomplete means more bytes may make it
// complete; an error is final (the connection is answered and closed).
ParseResult parse_http_request(const std::string& buffer);

}  // namespace symptree
