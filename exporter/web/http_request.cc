// HTTP/1.1 request parsing with size limits (RFC 9112 request line and fields).
#include "exporter/web/http_request.h"

#include <strings.h>

#include <cctype>

namespace symptree {
namespace {

ParseResult fail(int status, std::string reason) {
  ParseResult result;
  result.state = ParseResult::State::error;
  result.status = status;
  result.reason = std::move(reason);
  return result;
}

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string("!#$%&'*+-.^_`|~").find(c) != std::string::npos;
}

bool is_token(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

std::string trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

// "GET /metrics HTTP/1.1": three parts separated by single spaces.
bool parse_request_line(const std::string& line, HttpRequest& request, ParseResult& error) {
  size_t first = line.find(' ');
  size_t last = line.rfind(' ');
  if (first == std::string::npos || first == last) {
    error = fail(400, "malformed request line");
    return false;
  }
  request.method = line.substr(0, first);
  request.target = line.substr(first + 1, last - first - 1);
  request.version = line.substr(last + 1);
  if (!is_token(request.method) || request.target.empty() || request.target.find(' ') != std::string::npos) {
    error = fail(400, "malformed request line");
    return false;
  }
  for (char c : request.target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      error = fail(400, "control character in the request target");
      return false;
    }
  }
  if (request.version.rfind("HTTP/", 0) != 0) {
    error = fail(400, "malformed request line");
    return false;
  }
  if (request.version != "HTTP/1.1" && request.version != "HTTP/1.0") {
    error = fail(505, "only HTTP/1.0 and HTTP/1.1 are served");
    return false;
  }
  return true;
}

bool parse_header_line(const std::string& line, HttpRequest& request, ParseResult& error) {
  size_t colon = line.find(':');
  if (colon == std::string::npos || !is_token(line.substr(0, colon))) {
    error = fail(400, "malformed header line");
    return false;
  }
  std::string value = trim(line.substr(colon + 1));
  for (char c : value) {
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
      error = fail(400, "control character in a header value");
      return false;
    }
  }
  request.headers.emplace_back(line.substr(0, colon), value);
  return true;
}

// The body length the headers announce; -1 with `error` set when refused.
long body_length(const HttpRequest& request, ParseResult& error) {
  if (!request.header("Transfer-Encoding").empty()) {
    error = fail(501, "Transfer-Encoding is not supported; send Content-Length");
    return -1;
  }
  std::string length = request.header("Content-Length");
  if (length.empty()) return 0;
  if (length.size() > 18 || length.find_first_not_of("0123456789") != std::string::npos) {
    error = fail(400, "malformed Content-Length");
    return -1;
  }
  long value = std::stol(length);
  if (static_cast<size_t>(value) > kMaxBodyBytes) {
    error = fail(413, "request body larger than 64 KiB");
    return -1;
  }
  return value;
}

}  // namespace

std::string HttpRequest::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

std::string HttpRequest::path() const { return target.substr(0, target.find('?')); }

bool HttpRequest::keep_alive() const {
  std::string connection = header("Connection");
  if (strcasecmp(connection.c_str(), "close") == 0) return false;
  if (version == "HTTP/1.0") return strcasecmp(connection.c_str(), "keep-alive") == 0;
  return true;
}

ParseResult parse_http_request(const std::string& buffer) {
  size_t start = 0;
  while (start + 1 < buffer.size() && buffer[start] == '\r' && buffer[start + 1] == '\n') start += 2;  // RFC 9112 2.2
  size_t line_end = buffer.find("\r\n", start);
  if (line_end == std::string::npos) {
    if (buffer.size() - start > kMaxHeaderBytes) return fail(414, "request line longer than 8 KiB");
    return {};
  }
  if (line_end - start > kMaxHeaderBytes) return fail(414, "request line longer than 8 KiB");
  size_t end = buffer.find("\r\n\r\n", line_end);
  if (end == std::string::npos || end + 4 - start > kMaxHeaderBytes) {
    if (end != std::string::npos || buffer.size() - start > kMaxHeaderBytes) {
      return fail(431, "request line and headers longer than 8 KiB");
    }
    ParseResult partial;
    HttpRequest request;
    if (!parse_request_line(buffer.substr(start, line_end - start), request, partial)) return partial;
    return {};
  }
  ParseResult result;
  HttpRequest& request = result.request;
  if (!parse_request_line(buffer.substr(start, line_end - start), request, result)) return result;
  for (size_t at = line_end + 2; at < end + 2;) {
    size_t next = buffer.find("\r\n", at);
    if (!parse_header_line(buffer.substr(at, next - at), request, result)) return result;
    at = next + 2;
  }
  long length = body_length(request, result);
  if (length < 0) return result;
  size_t total = end + 4 + static_cast<size_t>(length);
  if (buffer.size() < total) return {};
  request.body = buffer.substr(end + 4, static_cast<size_t>(length));
  result.state = ParseResult::State::complete;
  result.consumed = total;
  return result;
}

}  // namespace symptree
