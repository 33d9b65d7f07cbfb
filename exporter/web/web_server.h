// The exporter's HTTP(S) server: the telemetry path (/metrics), /healthz and a
// small / page, with basic auth, TLS, gzip, and a cap on concurrent scrapes
// (503 beyond it, answered at once); scrapes at once share one collection.
// Connections are handled by HttpServer's event loops, so slow or idle
// clients never hold a worker.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "exporter/runner/scraper.h"
#include "exporter/web/basic_auth.h"
#include "exporter/web/http_server.h"
#include "exporter/web/listen_address.h"
#include "exporter/web/shared_scrape.h"
#include "exporter/web/tls_context.h"
#include "exporter/web/web_config.h"

namespace symptree {

// The most event loops chosen by default, however many CPUs there are.
constexpr int kMaxAutoEventLoops = 4;

// How the server listens and whom it serves.
struct WebOptions {
  ListenAddress listen;
  bool systemd_socket = false;  // listen on the socket systemd passed instead
  WebConfig web;
  std::string telemetry_path = "/metrics";
  int max_requests = 8;            // concurrent scrapes; beyond: 503
  int event_loops = 0;             // event-loop threads; 0: one per CPU, at most kMaxAutoEventLoops
  std::chrono::milliseconds header_timeout{10000};  // accept (or a request's first byte) to its end, TLS included
  std::chrono::milliseconds idle_timeout{120000};   // keep-alive connection with no request
  std::string collectors_summary;  // shown on the / page
};

class WebServer : private HttpHandler {
 public:
  WebServer(const Scraper& scraper, WebOptions options);
  ~WebServer() override;

  // Builds TLS and listens; false with `error` (bad certificate, port in use).
  bool bind(std::string& error);
  // Serves until stop().
  void serve();
  // Safe from any thread, e.g. the signal thread.
  void stop();

 private:
  std::optional<HttpResponse> answer_now(const HttpRequest& request) override;
  HttpResponse answer(const HttpRequest& request) override;
  void dropped(const HttpRequest& request) override;
  HttpResponse metrics(const HttpRequest& request);

  const Scraper& scraper_;
  SharedScrape shared_scrape_;  // concurrent scrapes share one collection and its text
  WebOptions options_;
  BasicAuth auth_;
  SslContext tls_;
  std::unique_ptr<HttpServer> server_;
  std::atomic<int> scrapes_in_flight_{0};
};

}  // namespace symptree
