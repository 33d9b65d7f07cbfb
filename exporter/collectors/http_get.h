// http_get: one HTTP/1.1 GET (plain, or TLS verifying the server's certificate
// and name against the system's CAs) with a total deadline, for the HTTP
// collector. Only the status matters, so the response is read up to the end of
// its headers and the body is not read. OpenSSL is touched only for https:// URLs, so an exporter
// without them does not load its error strings and algorithms at start (which
// cpp-httplib's library did, 2 MB of RSS).
#pragma once

#include <chrono>
#include <string>

namespace symptree {

// The response's status code, or 0 with `error` when the URL is bad, the
// connection, TLS handshake or certificate check fails, or the status line and
// headers have not arrived by `deadline`.
int http_get_status(const std::string& url, std::chrono::steady_clock::time_point deadline, std::string& error);

}  // namespace symptree
