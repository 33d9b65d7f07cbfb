// Response serialization: framing, Connection: close, extra and default headers, HEAD.
#include <doctest/doctest.h>

#include "exporter/web/http_response.h"

using namespace symptree;

TEST_CASE("http response: bytes on the wire") {
  HttpResponse response = text_response(503, "busy\n");
  response.headers.push_back({"Retry-After", "1"});
  CHECK(serialize_response(response, true, false, {{"X-Frame-Options", "deny"}}) ==
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n"
        "Retry-After: 1\r\nX-Frame-Options: deny\r\n\r\nbusy\n");
  std::string head = serialize_response(text_response(200, "ok\n"), false, true, {});
  CHECK(head == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\nConnection: close\r\n\r\n");
}
