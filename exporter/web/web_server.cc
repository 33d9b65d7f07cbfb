// WebServer: cpp-httplib wiring, routes, limits and TLS setup.
#include "exporter/web/web_server.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

namespace symptree {
namespace {

constexpr int kListenBacklog = 128;  // libcpp-httplib 0.11 compiles in 5
constexpr time_t kReadTimeoutSeconds = 10;
constexpr time_t kWriteTimeoutSeconds = 10;
constexpr time_t kKeepAliveSeconds = 5;

// Reaches httplib::Server's protected listening socket (through a pointer to
// member, valid for any Server), to raise its backlog after binding.
struct ListeningSocket : httplib::Server {
  static void raise_backlog(httplib::Server& server) {
    auto socket = &ListeningSocket::svr_sock_;
    ::listen((server.*socket).load(), kListenBacklog);
  }
};

int tls_version(const std::string& name) {
  if (name == "TLS10") return TLS1_VERSION;
  if (name == "TLS11") return TLS1_1_VERSION;
  if (name == "TLS13") return TLS1_3_VERSION;
  return TLS1_2_VERSION;
}

std::unique_ptr<httplib::Server> make_server(const WebConfig& web, std::string& error) {
  if (!web.tls()) return std::make_unique<httplib::Server>();
  auto server = std::make_unique<httplib::SSLServer>(
      web.cert_file.c_str(), web.key_file.c_str(), web.client_ca_file.empty() ? nullptr : web.client_ca_file.c_str());
  if (!server->is_valid()) {
    error = "cannot load the TLS certificate '" + web.cert_file + "' and key '" + web.key_file +
            "' (missing, unreadable, or not a matching PEM pair)";
    return nullptr;
  }
  SSL_CTX_set_min_proto_version(server->ssl_context(), tls_version(web.min_version));
  SSL_CTX_set_max_proto_version(server->ssl_context(), tls_version(web.max_version));
  return server;
}

std::string index_page(const std::string& collectors) {
  return "<!DOCTYPE html>\n<html><head><title>symptree-exporter</title></head><body>\n"
         "<h1>symptree-exporter</h1>\n<p>Version " + std::string(exporter_version()) +
         ". Collectors: " + collectors + ".</p>\n"
         "<ul><li><a href=\"metrics\">metrics</a></li><li><a href=\"healthz\">healthz</a></li></ul>\n"
         "</body></html>\n";
}

// Counts a request in flight for as long as it lives.
class InFlight {
 public:
  explicit InFlight(std::atomic<int>& counter) : counter_(counter), count_(++counter) {}
  ~InFlight() { --counter_; }
  int count() const { return count_; }

 private:
  std::atomic<int>& counter_;
  int count_;
};

}  // namespace

WebServer::WebServer(const Scraper& scraper, WebOptions options)
    : scraper_(scraper), options_(std::move(options)), auth_(options_.web.basic_auth_users) {}

WebServer::~WebServer() = default;

bool WebServer::bind(std::string& error) {
  server_ = make_server(options_.web, error);
  if (!server_) return false;
  int threads = options_.max_requests + 4;  // room to answer 503 and /healthz beyond the cap
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server_->set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let a second
  // exporter bind the same port and silently share the scrapes.
  server_->set_socket_options([](socket_t socket) {
    int on = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  });
  server_->set_read_timeout(kReadTimeoutSeconds, 0);
  server_->set_write_timeout(kWriteTimeoutSeconds, 0);
  server_->set_keep_alive_timeout(kKeepAliveSeconds);
  server_->set_keep_alive_max_count(1000);
  server_->set_payload_max_length(64 * 1024);
  httplib::Headers headers;
  for (const auto& [name, value] : options_.web.headers) headers.emplace(name, value);
  server_->set_default_headers(headers);
  install_routes();
  if (!server_->bind_to_port(options_.listen.host, options_.listen.port)) {
    error = "cannot listen on " + options_.listen.host + ":" + std::to_string(options_.listen.port) +
            " (address in use, or not an address of this host)";
    return false;
  }
  ListeningSocket::raise_backlog(*server_);
  return true;
}

void WebServer::install_routes() {
  server_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
    if (authorized(request.get_header_value("Authorization"))) return httplib::Server::HandlerResponse::Unhandled;
    response.status = 401;
    response.set_header("WWW-Authenticate", "Basic realm=\"symptree-exporter\"");
    response.set_content("Unauthorized\n", "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  });
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
    InFlight in_flight(in_flight_);
    if (in_flight.count() > options_.max_requests) {
      response.status = 503;
      response.set_content("too many concurrent scrapes (limit " + std::to_string(options_.max_requests) +
                               ", see --web.max-requests)\n", "text/plain");
      return;
    }
    response.set_content(scraper_.text(), "text/plain; version=0.0.4; charset=utf-8");
  });
  server_->Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok\n", "text/plain");
  });
  server_->Get("/", [this](const httplib::Request&, httplib::Response& response) {
    response.set_content(index_page(options_.collectors_summary), "text/html; charset=utf-8");
  });
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    response.status = 500;
    response.set_content("internal error\n", "text/plain");
  });
}

bool WebServer::authorized(const std::string& authorization) {
  return !auth_.enabled() || auth_.accepts(authorization);
}

bool WebServer::serve() { return server_ && server_->listen_after_bind(); }

void WebServer::stop() {
  if (server_) server_->stop();
}

}  // namespace symptree
