// symptree-exporter: serves the flowchart's shell diagnostics as Prometheus metrics.
#include <CLI/CLI.hpp>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <thread>

#include "common/build_info.h"
#include "common/host_config.h"
#include "exporter/core/collector_registry.h"
#include "exporter/core/configured_paths.h"
#include "exporter/core/log.h"
#include "exporter/web/tls_context.h"
#include "exporter/web/web_server.h"

namespace symptree {
namespace {

// What the command line asked for.
struct Flags {
  std::string config_file;
  std::string listen_address = "127.0.0.1:9188";
  bool systemd_socket = false;
  std::string web_config_file;
  std::string telemetry_path = "/metrics";
  int max_requests = 8;
  int event_loops = 0;
  double header_timeout_seconds = 10;
  double idle_timeout_seconds = 120;
  std::string log_level = "info";
  std::string log_format = "logfmt";
  std::map<std::string, bool> collectors;  // --collector.<name> / --no-collector.<name>
  bool check_only = false;
};

void define_collector_flags(CLI::App& app, Flags& flags) {
  for (const CollectorRegistration& registration : registered_collectors()) {
    std::string name = registration.name;
    app.add_flag_function("--collector." + name, [&flags, name](int64_t) { flags.collectors[name] = true; },
                          "run the " + name + " collector even when exporter.yml does not enable it")
        ->group("Collectors");
    app.add_flag_function("--no-collector." + name, [&flags, name](int64_t) { flags.collectors[name] = false; },
                          "do not run the " + name + " collector")
        ->group("Collectors");
  }
}

void define_flags(CLI::App& app, Flags& flags) {
  app.add_option("--config.file,--config", flags.config_file,
                 "exporter.yml: what to watch (written by `symptree compile` as out/exporter/exporter.yml)")
      ->required();
  app.add_option("--web.listen-address", flags.listen_address, "host:port to serve on; :port for all interfaces")
      ->capture_default_str();
  app.add_flag("--web.systemd-socket", flags.systemd_socket,
               "listen on the socket systemd passes (socket activation) instead of --web.listen-address");
  app.add_option("--web.config.file", flags.web_config_file,
                 "node_exporter-style web-config.yml for TLS and basic auth");
  app.add_option("--web.telemetry-path", flags.telemetry_path, "path under which metrics are served")
      ->capture_default_str()
      ->check([](const std::string& path) {
        return path.size() > 1 && path[0] == '/' && path != "/healthz" && path.find_first_of("?# ") == std::string::npos
                   ? std::string()
                   : "must start with / and be neither / nor /healthz";
      });
  app.add_option("--web.max-requests", flags.max_requests, "concurrent scrapes served; more get 503 at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  app.add_option("--web.event-loops", flags.event_loops,
                 "threads that own the connections (epoll); 0: one per CPU, at most 4")
      ->capture_default_str()
      ->check(CLI::Range(0, 64));
  app.add_option("--web.read-header-timeout", flags.header_timeout_seconds,
                 "seconds a client has to send a whole request (and finish the TLS handshake); then it is closed")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  app.add_option("--web.idle-timeout", flags.idle_timeout_seconds,
                 "seconds a keep-alive connection may stay idle; then it is closed")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 86400.0));
  app.add_option("--log.level", flags.log_level, "debug, info, warn or error")
      ->capture_default_str()
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
  app.add_option("--log.format", flags.log_format, "logfmt or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"logfmt", "json"}));
  define_collector_flags(app, flags);
  app.add_flag("--check-config", flags.check_only,
               "validate the configuration files as the start does, warn about configured paths that are "
               "missing or unreadable here, and exit");
  app.set_version_flag("--version", version_text("symptree-exporter", build_info()));
  app.footer(
      "Metrics: /metrics (Prometheus text format), /healthz, and / (this exporter's page).\n"
      "Exit status: 0 stopped by SIGTERM/SIGINT or config ok; 1 bad flags or cannot listen; 2 configuration errors.\n"
      "Example: symptree-exporter --config.file /etc/symptree/exporter.yml");
}

void apply_log_flags(const Flags& flags) {
  LogLevel level = flags.log_level == "debug" ? LogLevel::debug
                   : flags.log_level == "warn" ? LogLevel::warn
                   : flags.log_level == "error" ? LogLevel::error
                                                : LogLevel::info;
  set_log_options(level, flags.log_format == "json" ? LogFormat::json : LogFormat::logfmt);
}

// Loads both configuration files and builds the TLS context, as the start
// does; prints every problem as file:line:column.
bool load_configs(const Flags& flags, HostConfig& host, WebOptions& web) {
  Diagnostics diagnostics;
  std::optional<HostConfig> loaded = load_host_config_file(flags.config_file, diagnostics);
  std::optional<WebConfig> web_config = WebConfig{};
  if (!flags.web_config_file.empty()) web_config = load_web_config(flags.web_config_file, diagnostics);
  if (web_config && web_config->tls()) make_tls_context(*web_config, diagnostics);
  std::string error;
  std::optional<ListenAddress> listen = parse_listen_address(flags.listen_address, error);
  if (!listen) diagnostics.error({"--web.listen-address"}, error);
  if (diagnostics.has_errors()) {
    std::cerr << diagnostics.format();
    return false;
  }
  host = *loaded;
  web.listen = *listen;
  web.systemd_socket = flags.systemd_socket;
  web.web = *web_config;
  web.telemetry_path = flags.telemetry_path;
  web.max_requests = flags.max_requests;
  web.event_loops = flags.event_loops;
  web.header_timeout = std::chrono::milliseconds(static_cast<long>(flags.header_timeout_seconds * 1000));
  web.idle_timeout = std::chrono::milliseconds(static_cast<long>(flags.idle_timeout_seconds * 1000));
  return true;
}

// --check-config's verdict on files that load: "configuration ok", with a
// warning (on stderr) for each configured path that is missing, of the wrong
// kind or unreadable here, which may be fixed before the exporter reads it.
int report_check(const HostConfig& host) {
  std::vector<PathWarning> warnings = check_configured_paths(host);
  std::cerr << format_path_warnings(warnings);
  std::cout << "configuration ok";
  if (!warnings.empty()) {
    std::cout << " (" << warnings.size() << (warnings.size() == 1 ? " warning" : " warnings") << ")";
  }
  std::cout << "\n";
  return 0;
}

// The registered collectors the config enables, with the command line's overrides.
std::vector<std::shared_ptr<Collector>> enabled_collectors(const HostConfig& host, const Flags& flags) {
  std::vector<std::shared_ptr<Collector>> collectors;
  for (const CollectorRegistration& registration : registered_collectors()) {
    auto forced = flags.collectors.find(registration.name);
    bool enabled = forced != flags.collectors.end() ? forced->second : registration.enabled_for(host);
    if (enabled) collectors.push_back(registration.make(host, real_file_system()));
  }
  return collectors;
}

// Every connection costs a descriptor: raise the soft limit to the hard one.
void raise_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
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
  if (flags.check_only) return report_check(host);
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  raise_file_limit();
  std::vector<std::shared_ptr<Collector>> collectors = enabled_collectors(host, flags);
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
  server.serve();
  pthread_kill(signal_thread.native_handle(), SIGUSR1);
  signal_thread.join();
  log_info("stopped");
  return 0;
}

}  // namespace
}  // namespace symptree

int main(int argc, char** argv) {
  CLI::App app("symptree-exporter: the troubleshooting flowchart's shell diagnostics (df, du, lsof, curl, ls) "
               "as Prometheus metrics.",
               "symptree-exporter");
  symptree::Flags flags;
  symptree::define_flags(app, flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    std::fprintf(stderr, "symptree-exporter: %s (see --help)\n", error.what());
    return 1;
  }
  symptree::apply_log_flags(flags);
  int code = symptree::run(flags);
  // A collector thread still blocked in a hung system call cannot be joined;
  // leave without running destructors it might race with.
  std::fflush(nullptr);
  if (symptree::CollectorRunner::abandoned_workers() > 0 || symptree::HttpServer::abandoned_workers() > 0) _exit(code);
  return code;
}
