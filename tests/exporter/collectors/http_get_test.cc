// http_get: statuses from a real server on 127.0.0.1, plain and TLS, with the
// server's certificate checked against the trusted CAs and the URL's host.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <httplib.h>

#include <atomic>
#include <thread>

#include "exporter/collectors/http_get.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::chrono::steady_clock::time_point in_seconds(int seconds) {
  return std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
}

// Serves /ok (200, with the query echoed) and /busy (503) on 127.0.0.1 until destroyed.
template <typename Server>
class Serving {
 public:
  template <typename... Args>
  explicit Serving(Args&&... args) : server_(std::forward<Args>(args)...) {
    server_.Get("/ok", [](const httplib::Request& q, httplib::Response& r) {
      r.set_content(std::string(100000, 'x') + q.get_param_value("q"), "text/plain");
    });
    server_.Get("/busy", [](const httplib::Request&, httplib::Response& r) { r.status = 503; });
    // A chunked body whose first chunk comes at once and whose end never comes (until destroyed).
    server_.Get("/endless", [this](const httplib::Request&, httplib::Response& r) {
      r.set_chunked_content_provider("text/plain", [this](size_t, httplib::DataSink& sink) {
        sink.write("first\n", 6);
        while (!release_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        sink.done();
        return true;
      });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Serving() {
    release_ = true;
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  Server server_;
  std::atomic<bool> release_{false};
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("http_get: the status of a plain GET, a refused connection, a bad URL") {
  Serving<httplib::Server> server;
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  std::string error;
  CHECK(http_get_status(base + "/ok?q=1", in_seconds(5), error) == 200);
  CHECK(http_get_status(base + "/busy", in_seconds(5), error) == 503);
  CHECK(http_get_status(base + "/missing", in_seconds(5), error) == 404);
  CHECK(http_get_status("http://127.0.0.1:" + std::to_string(free_port()) + "/", in_seconds(5), error) == 0);
  CHECK(error.find("connect") != std::string::npos);
  CHECK(http_get_status("ftp://127.0.0.1/", in_seconds(5), error) == 0);
  CHECK(error.find("http://") != std::string::npos);
}

TEST_CASE("http_get: https verifies the certificate against the trusted CAs and the URL's host") {
  TempDir dir;
  make_certificate(dir / "cert.pem", dir / "key.pem", -1, 30);  // CN=localhost
  Serving<httplib::SSLServer> server((dir / "cert.pem").c_str(), (dir / "key.pem").c_str());
  std::string port = std::to_string(server.port());
  std::string error;
  // Not trusted: the system's CAs did not sign it.
  CHECK(http_get_status("https://localhost:" + port + "/ok", in_seconds(5), error) == 0);
  CHECK(error.find("certificate") != std::string::npos);
  // Trusted (OpenSSL's SSL_CERT_FILE), and its name is the URL's host.
  setenv("SSL_CERT_FILE", (dir / "cert.pem").c_str(), 1);
  error.clear();
  int trusted = http_get_status("https://localhost:" + port + "/ok?q=2", in_seconds(5), error);
  // Trusted, but not for 127.0.0.1.
  std::string wrong_host_error;
  int wrong_host = http_get_status("https://127.0.0.1:" + port + "/ok", in_seconds(5), wrong_host_error);
  unsetenv("SSL_CERT_FILE");
  INFO(error);
  CHECK(trusted == 200);
  CHECK(wrong_host == 0);
  CHECK(wrong_host_error.find("certificate") != std::string::npos);
}

TEST_CASE("http_get: the status is known at the end of the headers, a body that never ends does not hold it") {
  Serving<httplib::Server> server;
  std::string error;
  // At the deadline the answer would be 0: 200 shows the probe did not wait for the body.
  CHECK(http_get_status("http://127.0.0.1:" + std::to_string(server.port()) + "/endless", in_seconds(3), error) == 200);
  INFO(error);
}
