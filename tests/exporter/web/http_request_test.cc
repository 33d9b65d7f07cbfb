// HTTP request parsing: complete, incomplete and refused requests, and the limits.
#include <doctest/doctest.h>

#include "exporter/web/http_request.h"

using namespace symptree;
using State = ParseResult::State;

TEST_CASE("http request: a complete GET, headers case-insensitive, what is left after it") {
  std::string two = "GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\naccept-encoding: gzip\r\n\r\nGET /healthz HTTP/1.0\r\n\r\n";
  ParseResult first = parse_http_request(two);
  REQUIRE(first.state == State::complete);
  CHECK(first.request.method == "GET");
  CHECK(first.request.path() == "/metrics");
  CHECK(first.request.header("Accept-Encoding") == "gzip");
  CHECK(first.request.keep_alive());
  ParseResult second = parse_http_request(two.substr(first.consumed));
  REQUIRE(second.state == State::complete);
  CHECK(second.request.path() == "/healthz");
  CHECK_FALSE(second.request.keep_alive());  // HTTP/1.0 without keep-alive
  CHECK_FALSE(parse_http_request("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").request.keep_alive());
}

TEST_CASE("http request: incomplete until the blank line and the whole body") {
  CHECK(parse_http_request("").state == State::incomplete);
  CHECK(parse_http_request("GET /metrics HTTP/1.1\r\nHost: a\r\n").state == State::incomplete);
  CHECK(parse_http_request("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc").state == State::incomplete);
  ParseResult body = parse_http_request("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcdeGET");
  REQUIRE(body.state == State::complete);
  CHECK(body.request.body == "abcde");
  CHECK(body.consumed == body.request.body.size() + 38);
}

TEST_CASE("http request: malformed and oversized requests are refused as soon as it is known") {
  struct Case {
    std::string text;
    int status;
  };
  std::vector<Case> cases = {
      {"GARBAGE\r\n", 400},
      {"GET /\x01 HTTP/1.1\r\n", 400},
      {"G@T / HTTP/1.1\r\n", 400},
      {"GET / FTP/1.1\r\n", 400},
      {"GET / HTTP/2.0\r\n", 505},
      {"GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nX: a\x01\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nContent-Length: 65537\r\n\r\n", 413},
      {"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501},
      {"GET /" + std::string(kMaxHeaderBytes, 'a'), 414},
      {"GET / HTTP/1.1\r\nX: " + std::string(kMaxHeaderBytes, 'a'), 431},
      {"GET / HTTP/1.1\r\nX: " + std::string(kMaxHeaderBytes, 'a') + "\r\n\r\n", 431},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text.substr(0, 40));
    ParseResult result = parse_http_request(c.text);
    CHECK(result.state == State::error);
    CHECK(result.status == c.status);
    CHECK_FALSE(result.reason.empty());
  }
  // A bad request line is refused before the headers end (no waiting for the blank line).
  CHECK(parse_http_request("BAD\r\nHost: a\r\n").state == State::error);
}
