// stemedb-sim: a StemeDB stand-in. Listens on --listen (127.0.0.1:18180 by
// default) and serves /v1/health, /metrics with the app metrics of the
// flowchart, and a control endpoint that switches faults on and off:
//   curl -d "" "127.0.0.1:18180/control/fault?name=slow_queries&on=1"   GET /control/faults
// (httplib 0.11 answers 400 to a POST without Content-Length, so send -d "").
// Run it as `stemedb-api` (a symlink) to be the process the spec watches.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include "simulator/app_metrics.h"
#include "simulator/faults.h"

namespace {

using namespace stemedb_sim;

constexpr auto kTick = std::chrono::milliseconds(100);
httplib::Server* server = nullptr;

void stop(int) {
  if (server) server->stop();
}

// Parses "HOST:PORT"; false when malformed.
bool parse_listen(const std::string& listen, std::string& host, int& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return false;
  }
  return !host.empty() && port > 0 && port < 65536;
}

void install_routes(httplib::Server& http, AppMetrics& metrics, std::mutex& metrics_mutex, Faults& faults) {
  http.Get("/v1/health", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("{\"status\":\"ok\"}\n", "application/json");
  });
  http.Get("/metrics", [&](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(metrics_mutex);
    response.set_content(metrics.text(), "text/plain; version=0.0.4; charset=utf-8");
  });
  http.Get("/control/faults", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(faults.describe(), "text/plain");
  });
  http.Post("/control/fault", [&](const httplib::Request& request, httplib::Response& response) {
    std::string name = request.get_param_value("name");
    bool on = request.get_param_value("on") != "0";
    if (!faults.set(name, on)) {
      response.status = 400;
      response.set_content("unknown fault '" + name + "'; known:\n" + faults.describe(), "text/plain");
      return;
    }
    std::cerr << "stemedb-sim: fault " << name << (on ? " on" : " off") << "\n";
    response.set_content(name + (on ? " on\n" : " off\n"), "text/plain");
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:18180";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--listen" && i + 1 < argc) {
      listen = argv[++i];
    } else {
      std::cerr << "usage: stemedb-sim [--listen HOST:PORT]\n";
      return 2;
    }
  }
  std::string host;
  int port = 0;
  if (!parse_listen(listen, host, port)) {
    std::cerr << "stemedb-sim: --listen wants HOST:PORT, got '" << listen << "'\n";
    return 2;
  }
  AppMetrics metrics;
  std::mutex metrics_mutex;
  Faults faults;
  httplib::Server http;
  http.set_tcp_nodelay(true);
  install_routes(http, metrics, metrics_mutex, faults);
  server = &http;
  std::signal(SIGTERM, stop);
  std::signal(SIGINT, stop);
  if (!http.bind_to_port(host.c_str(), port)) {
    std::cerr << "stemedb-sim: cannot listen on " << listen << " (address in use?)\n";
    return 1;
  }
  std::atomic<bool> running{true};
  std::thread ticker([&] {
    while (running) {
      {
        std::lock_guard<std::mutex> lock(metrics_mutex);
        metrics.tick(faults, std::chrono::duration<double>(kTick).count());
      }
      std::this_thread::sleep_for(kTick);
    }
  });
  std::cerr << "stemedb-sim: listening on " << listen << "\n";
  bool ok = http.listen_after_bind();
  running = false;
  ticker.join();
  return ok ? 0 : 1;
}
