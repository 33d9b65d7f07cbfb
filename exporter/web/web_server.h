// The exporter's HTTP(S) server: /metrics, /healthz and a small / page, with
// basic auth, TLS, a cap on concurrent scrapes (503 beyond it) and timeouts.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "exporter/web/basic_auth.h"
#include "exporter/web/listen_address.h"
#include "exporter/runner/scraper.h"
#include "exporter/web/web_config.h"

namespace httplib {
class Server;
}

namespace symptree {

// How the server listens and whom it serves.
struct WebOptions {
  ListenAddress listen;
  WebConfig web;
  int max_requests = 8;  // concurrent /metrics requests; beyond: 503
  std::string collectors_summary;  // shown on the / page
};

class WebServer {
 public:
  WebServer(const Scraper& scraper, WebOptions options);
  ~WebServer();

  // Creates the server and binds; false with `error` (bad certificate, port in use).
  bool bind(std::string& error);
  // Serves until stop(); false when the server could not run.
  bool serve();
  // Safe from any thread, e.g. the signal thread.
  void stop();

 private:
  void install_routes();
  bool authorized(const std::string& authorization);

  const Scraper& scraper_;
  WebOptions options_;
  BasicAuth auth_;
  std::unique_ptr<httplib::Server> server_;
  std::atomic<int> in_flight_{0};
};

}  // namespace symptree
