// symptree-exporter: serves the flowchart's shell diagnostics as Prometheus metrics.
#include <CLI/CLI.hpp>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "common/build_info.h"
#include "common/host_config.h"
#include "exporter/core/collector_registry.h"
#include "exporter/core/log.h"
#include "exporter/web/web_server.h"

namespace symptree {
namespace {

// What the command line asked for.
struct Flags {
  std::string config_file;
  std::string listen_address = "127.0.0.1:9188";
  std::string web_config_file;
  int max_requests = 8;
  bool check_only = false;
};

void define_flags(CLI::App& app, Flags& flags) {
  app.add_option("--config.file,--config", flags.config_file,
                 "exporter.yml: what to watch (written by `symptree compile` as out/exporter/exporter.yml)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--web.listen-address", flags.listen_address, "host:port to serve on; :port for all interfaces")
      ->capture_default_str();
  app.add_option("--web.config.file", flags.web_config_file,
                 "node_exporter-style web-config.yml for TLS and basic auth")
      ->check(CLI::ExistingFile);
  app.add_option("--web.max-requests", flags.max_requests, "concurrent /metrics requests served; more get 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  app.add_flag("--check-config", flags.check_only, "validate the configuration files and exit");
  app.set_version_flag("--version", version_text("symptree-exporter", build_info()));
  app.footer(
      "Metrics: /metrics (Prometheus text format), /healthz, and / (this exporter's page).\n"
      "Example: symptree-exporter --config.file /etc/symptree/exporter.yml");
}

// Loads both configuration files; prints every problem as file:line:column.
bool load_configs(const Flags& flags, HostConfig& host, WebOptions& web) {
  Diagnostics diagnostics;
  std::optional<HostConfig> loaded = load_host_config_file(flags.config_file, diagnostics);
  std::optional<WebConfig> web_config = WebConfig{};
  if (!flags.web_config_file.empty()) web_config = load_web_config(flags.web_config_file, diagnostics);
  std::string error;
  std::optional<ListenAddress> listen = parse_listen_address(flags.listen_address, error);
  if (!listen) diagnostics.error({"--web.listen-address"}, error);
  if (diagnostics.has_errors()) {
    std::cerr << diagnostics.format();
    return false;
  }
  host = *loaded;
  web.listen = *listen;
  web.web = *web_config;
  web.max_requests = flags.max_requests;
  return true;
}

std::string summary(const std::vector<std::shared_ptr<Collector>>& collectors) {
  std::string text;
  for (const auto& collector : collectors) text += (text.empty() ? "" : ", ") + collector.get()->name();
  return text.empty() ? "none" : text;
}

// Blocks SIGINT and SIGTERM in every thread; one thread waits for them and stops the server.
std::thread start_signal_thread(WebServer& server, sigset_t signals) {
  return std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    if (received == SIGUSR1) return;  // the exporter is stopping by itself
    log_info(std::string("received ") + (received == SIGINT ? "SIGINT" : "SIGTERM") + ", stopping");
    server.stop();
  });
}

int run(const Flags& flags) {
  HostConfig host;
  WebOptions web;
  if (!load_configs(flags, host, web)) return 2;
  if (flags.check_only) {
    std::cout << "configuration ok\n";
    return 0;
  }
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::vector<std::shared_ptr<Collector>> collectors = make_collectors(host);
  web.collectors_summary = summary(collectors);
  Scraper scraper(collectors, std::chrono::milliseconds(host.timeout.ms));
  WebServer server(scraper, web);
  std::string error;
  if (!server.bind(error)) {
    log_error(error);
    return 1;
  }
  std::thread signal_thread = start_signal_thread(server, signals);
  log_info("listening on " + flags.listen_address + (web.web.tls() ? " (TLS)" : "") + "; collectors: " +
           web.collectors_summary);
  bool served = server.serve();
  pthread_kill(signal_thread.native_handle(), SIGUSR1);
  signal_thread.join();
  log_info("stopped");
  return served ? 0 : 1;
}

}  // namespace
}  // namespace symptree

int main(int argc, char** argv) {
  CLI::App app("symptree-exporter: the troubleshooting flowchart's shell diagnostics (df, du, lsof, curl, ls) "
               "as Prometheus metrics.",
               "symptree-exporter");
  symptree::Flags flags;
  symptree::define_flags(app, flags);
  CLI11_PARSE(app, argc, argv);
  int code = symptree::run(flags);
  // A collector thread still blocked in a hung system call cannot be joined;
  // leave without running destructors it might race with.
  std::fflush(nullptr);
  if (symptree::CollectorRunner::abandoned_workers() > 0) _exit(code);
  return code;
}
