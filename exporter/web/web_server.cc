// WebServer: routes, the scrape cap, auth, gzip and the listening setup.
#include "exporter/web/web_server.h"

#include <sys/resource.h>

#include <stdexcept>

#include "exporter/web/gzip.h"
#include "exporter/web/listen_socket.h"

namespace symptree {
namespace {

constexpr int kWorkersBeyondCap = 4;  // workers for /healthz, /, and 401s beyond the scrape cap

std::string index_page(const std::string& collectors, const std::string& telemetry_path) {
  return "<!DOCTYPE html>\n<html><head><title>symptree-exporter</title></head><body>\n"
         "<h1>symptree-exporter</h1>\n<p>Version " + std::string(exporter_version()) +
         ". Collectors: " + collectors + ".</p>\n"
         "<ul><li><a href=\"" + telemetry_path.substr(1) + "\">metrics</a></li><li><a href=\"healthz\">healthz</a></li></ul>\n"
         "</body></html>\n";
}

// Counts a scrape in flight for as long as it lives.
class InFlight {
 public:
  explicit InFlight(std::atomic<int>& counter) : counter_(counter) {}
  ~InFlight() { --counter_; }

 private:
  std::atomic<int>& counter_;
};

}  // namespace

WebServer::WebServer(const Scraper& scraper, WebOptions options)
    : scraper_(scraper),
      shared_scrape_([this] { return scraper_.text(); }),
      options_(std::move(options)),
      auth_(options_.web.basic_auth_users) {}

WebServer::~WebServer() = default;

bool WebServer::bind(std::string& error) {
  if (options_.web.tls()) {
    Diagnostics diagnostics;
    tls_ = make_tls_context(options_.web, diagnostics);
    if (!tls_) {
      error = diagnostics.format();
      if (!error.empty() && error.back() == '\n') error.pop_back();
      return false;
    }
  }
  int fd = options_.systemd_socket ? systemd_listen_socket(error) : open_listen_socket(options_.listen, error);
  if (fd < 0) return false;
  HttpServerLimits limits;
  limits.workers = options_.max_requests + kWorkersBeyondCap;
  limits.header_timeout = options_.header_timeout;
  limits.idle_timeout = options_.idle_timeout;
  limits.event_loops =
      options_.event_loops > 0 ? options_.event_loops : HttpServer::loops_for_this_machine(kMaxAutoEventLoops);
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
    limits.max_connections = files.rlim_cur > 64 ? static_cast<size_t>(files.rlim_cur) - 64 : 1;  // room for collectors
  }
  HeaderList headers(options_.web.headers.begin(), options_.web.headers.end());
  HttpHandler& handler = *this;
  server_ = std::make_unique<HttpServer>(fd, tls_.get(), handler, limits, headers);
  return true;
}

void WebServer::serve() {
  if (server_) server_->serve();
}

void WebServer::stop() {
  if (server_) server_->stop();
}

std::optional<HttpResponse> WebServer::answer_now(const HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse response = text_response(405, "only GET and HEAD are served\n");
    response.headers.push_back({"Allow", "GET, HEAD"});
    return response;
  }
  std::string path = request.path();
  if (path != options_.telemetry_path && path != "/healthz" && path != "/") {
    return text_response(404, "not found; see /\n");
  }
  if (path != options_.telemetry_path) return std::nullopt;
  if (++scrapes_in_flight_ > options_.max_requests) {
    --scrapes_in_flight_;
    return text_response(503, "too many concurrent scrapes (limit " + std::to_string(options_.max_requests) +
                                  ", see --web.max-requests)\n");
  }
  return std::nullopt;  // counted here, released by answer()
}

HttpResponse WebServer::answer(const HttpRequest& request) {
  std::string path = request.path();
  std::optional<InFlight> scrape;
  if (path == options_.telemetry_path) scrape.emplace(scrapes_in_flight_);
  if (auth_.enabled() && !auth_.accepts(request.header("Authorization"))) {
    HttpResponse response = text_response(401, "Unauthorized\n");
    response.headers.push_back({"WWW-Authenticate", "Basic realm=\"symptree-exporter\""});
    return response;
  }
  if (path == options_.telemetry_path) return metrics(request);
  if (path == "/healthz") return text_response(200, "ok\n");
  HttpResponse page = text_response(200, index_page(options_.collectors_summary, options_.telemetry_path));
  page.content_type = "text/html; charset=utf-8";
  return page;
}

void WebServer::dropped(const HttpRequest& request) {
  if (request.path() == options_.telemetry_path) --scrapes_in_flight_;
}

HttpResponse WebServer::metrics(const HttpRequest& request) {
  std::shared_ptr<const ScrapeText> scrape = shared_scrape_.get();
  if (!scrape) throw std::runtime_error("the scrape this request joined failed");
  bool gzip = accepts_gzip(request.header("Accept-Encoding"));
  HttpResponse response = text_response(200, gzip ? scrape->gzipped() : scrape->text());
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.headers.push_back({"Vary", "Accept-Encoding"});
  if (gzip) response.headers.push_back({"Content-Encoding", "gzip"});
  return response;
}

}  // namespace symptree
