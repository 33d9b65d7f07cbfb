// One event-loop thread of HttpServer: its epoll instance and the connections
// it accepted. It reads and parses without blocking, answers cheap requests at
// once, hands complete ones to the shared WorkerPool and writes the answers
// the workers give back. Every loop of a server listens on the same socket and
// takes new connections while it holds no more than the others, so the
// connections are spread over the loops and a loop waiting for a core delays
// only its own share of them.
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "exporter/web/connection.h"
#include "exporter/web/worker_pool.h"

namespace symptree {

struct HttpServerLimits {
  std::chrono::milliseconds header_timeout{10000};  // first byte (or accept) to a complete request, TLS included
  std::chrono::milliseconds idle_timeout{120000};   // keep-alive connection with nothing sent
  std::chrono::milliseconds write_timeout{10000};   // a response must be taken by the client in this time
  size_t max_connections = 10000;                   // beyond: accepted and closed at once
  size_t max_queued = 64;                           // requests waiting for a worker; beyond: 503
  int workers = 8;
  int event_loops = 1;
};

// What the loops of one server share.
struct LoopShared {
  LoopShared(int listen_fd, SSL_CTX* tls, HttpHandler& handler, HttpServerLimits limits, HeaderList default_headers,
             WorkerPool& pool)
      : listen_fd(listen_fd), tls(tls), handler(handler), limits(limits),
        default_headers(std::move(default_headers)), pool(pool), open(static_cast<size_t>(limits.event_loops)) {}

  const int listen_fd;
  SSL_CTX* const tls;
  HttpHandler& handler;
  const HttpServerLimits limits;
  const HeaderList default_headers;
  WorkerPool& pool;
  std::atomic<size_t> connections{0};     // open connections, all loops
  std::vector<std::atomic<size_t>> open;  // open connections of each loop
};

class EventLoop : public ReplySink {
 public:
  EventLoop(int index, LoopShared& shared);
  ~EventLoop() override;
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs until stop(), then closes every connection it holds.
  void run();
  // Safe from any thread.
  void stop();
  // ReplySink: a worker's answer for one of this loop's connections.
  void reply(uint64_t connection_id, std::string bytes, bool close) override;

 private:
  struct Done {
    uint64_t id;
    std::string bytes;
    bool close;
  };

  // Whether this loop should take new connections now: it holds no more than the fewest plus a little.
  bool takes_connections() const;
  void accept_some();
  void on_event(Connection& connection, uint32_t events);
  // Writes, parses and dispatches as far as possible without blocking; false when it closed the connection.
  bool pump(Connection& connection);
  void queue_reply(Connection& connection, const HttpResponse& response, bool keep_alive, bool head_only);
  void deliver_done();
  void expire(SteadyClock::time_point now);
  void update_events(Connection& connection);
  void close_connection(uint64_t id);
  void close_all();

  const int index_;
  LoopShared& shared_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: a worker finished, or stop() was called
  std::atomic<bool> stopping_{false};
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::unique_ptr<Connection>> connections_;

  std::mutex done_mutex_;  // guards done_
  std::vector<Done> done_;
  std::atomic<bool> done_pending_{false};
};

}  // namespace symptree
