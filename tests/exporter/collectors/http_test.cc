// The HTTP collector against a real server on 127.0.0.1.
#include <doctest/doctest.h>

#include <httplib.h>

#include <thread>

#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("http: success, status code and latency against a real server") {
  httplib::Server server;
  server.Get("/ok", [](const httplib::Request&, httplib::Response& r) { r.set_content("ok", "text/plain"); });
  server.Get("/busy", [](const httplib::Request&, httplib::Response& r) { r.status = 503; });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  int closed = free_port();
  HostConfig config = host_config(&HostConfig::http, {{"ok", base + "/ok", 200, {}},
                                                      {"busy", base + "/busy", 200, {}},
                                                      {"down", "http://127.0.0.1:" + std::to_string(closed) + "/", 200, {}}});
  config.timeout = duration_from_ms(2000);
  auto collector = make_collector("http", config);
  Collected c = collect_once(*collector);
  server.stop();
  serving.join();
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_http_probe_success{name=\"ok\"}") == 1);
  CHECK(c.at("symptree_http_probe_status_code{name=\"ok\"}") == 200);
  CHECK(c.at("symptree_http_probe_duration_seconds{name=\"ok\"}") < 1);
  CHECK(c.at("symptree_http_probe_success{name=\"busy\"}") == 0);
  CHECK(c.at("symptree_http_probe_status_code{name=\"busy\"}") == 503);
  CHECK(c.at("symptree_http_probe_success{name=\"down\"}") == 0);
  CHECK(c.at("symptree_http_probe_status_code{name=\"down\"}") == 0);
}
