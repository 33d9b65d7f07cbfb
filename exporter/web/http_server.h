// A small HTTP/1.1 server: a few event-loop threads (epoll) own the
// connections, read and parse requests without blocking and hand only complete
// requests to a fixed pool of workers. A slow, idle or silent client therefore
// costs a file descriptor and a few KiB, never a worker; every connection has a
// deadline (headers and TLS handshake, idle keep-alive, writes), and stop()
// ends it all at once.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <vector>

#include "exporter/web/event_loop.h"
#include "exporter/web/http_handler.h"
#include "exporter/web/worker_pool.h"

namespace symptree {

class HttpServer {
 public:
  // `listen_fd` is a bound, listening socket (owned from here on); `tls` null for plain HTTP.
  HttpServer(int listen_fd, SSL_CTX* tls, HttpHandler& handler, HttpServerLimits limits, HeaderList default_headers);
  ~HttpServer();

  // Runs the loops (the first on the calling thread) until stop(); returns once every connection is closed.
  void serve();
  // Safe from any thread and from a signal-waiting thread.
  void stop();
  // Workers still inside a handler when serve() returned (they were left running).
  static int abandoned_workers();

  // Connections each event loop holds now (for tests and the benchmark).
  std::vector<size_t> connections_per_loop() const;

  // The number of event loops for this machine: one per CPU this process may use, at most `at_most`.
  static int loops_for_this_machine(int at_most);

 private:
  int listen_fd_;
  WorkerPool pool_;
  LoopShared shared_;
  std::vector<std::unique_ptr<EventLoop>> loops_;
};

}  // namespace symptree
