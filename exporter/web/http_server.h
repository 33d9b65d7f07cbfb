// A small HTTP/1.1 server: one event-loop thread (epoll) owns every connection,
// reads and parses requests without blocking and hands only complete requests
// to a fixed pool of workers. A slow, idle or silent client therefore costs a
// file descriptor and a few KiB, never a worker; every connection has a
// deadline (headers and TLS handshake, idle keep-alive, writes), and stop()
// ends it all at once.
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "exporter/web/connection.h"
#include "exporter/web/http_request.h"
#include "exporter/web/http_response.h"

namespace symptree {

// What the server does with requests; answer_now runs on the loop and must be
// cheap (e.g. a 503 beyond a cap), answer runs on a worker.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual std::optional<HttpResponse> answer_now(const HttpRequest& request) = 0;
  virtual HttpResponse answer(const HttpRequest& request) = 0;
  // A request answer_now let through that will not reach answer(): the queue
  // was full and it got a 503 instead.
  virtual void dropped(const HttpRequest& request) = 0;
};

struct HttpServerLimits {
  std::chrono::milliseconds header_timeout{10000};  // first byte (or accept) to a complete request, TLS included
  std::chrono::milliseconds idle_timeout{120000};   // keep-alive connection with nothing sent
  std::chrono::milliseconds write_timeout{10000};   // a response must be taken by the client in this time
  size_t max_connections = 10000;                   // beyond: accepted and closed at once
  size_t max_queued = 64;                           // requests waiting for a worker; beyond: 503
  int workers = 8;
};

class HttpServer {
 public:
  // `listen_fd` is a bound, listening socket (owned from here on); `tls` null for plain HTTP.
  HttpServer(int listen_fd, SSL_CTX* tls, HttpHandler& handler, HttpServerLimits limits, HeaderList default_headers);
  ~HttpServer();

  // Runs the loop until stop(); returns once every connection is closed.
  void serve();
  // Safe from any thread and from a signal-waiting thread.
  void stop();
  // Workers still inside a handler when serve() returned (they were left running).
  static int abandoned_workers();

 private:
  struct Job {
    uint64_t id;
    HttpRequest request;
  };
  struct Done {
    uint64_t id;
    std::string bytes;
    bool close;
  };

  void accept_all();
  void on_event(Connection& connection, uint32_t events);
  // Writes, parses and dispatches as far as possible without blocking; false when it closed the connection.
  bool pump(Connection& connection);
  void queue_reply(Connection& connection, const HttpResponse& response, bool keep_alive, bool head_only);
  void deliver_done();
  void expire(SteadyClock::time_point now);
  void update_events(Connection& connection);
  void close_connection(uint64_t id);
  void worker_loop();
  void stop_workers();

  int listen_fd_;
  SSL_CTX* tls_;
  HttpHandler& handler_;
  HttpServerLimits limits_;
  HeaderList default_headers_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: a worker finished, or stop() was called
  std::atomic<bool> stopping_{false};
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::unique_ptr<Connection>> connections_;

  std::mutex mutex_;  // guards jobs_, done_, idle_workers_, workers_stop_
  std::condition_variable jobs_ready_;
  std::condition_variable workers_idle_;
  std::deque<Job> jobs_;
  std::vector<Done> done_;
  int busy_workers_ = 0;
  bool workers_stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace symptree
