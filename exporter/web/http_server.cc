// HttpServer: its event loops, their threads and the worker pool.
#include "exporter/web/http_server.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace symptree {
namespace {

HttpServerLimits with_a_loop(HttpServerLimits limits) {
  limits.event_loops = std::max(1, limits.event_loops);
  return limits;
}

}  // namespace

HttpServer::HttpServer(int listen_fd, SSL_CTX* tls, HttpHandler& handler, HttpServerLimits limits,
                       HeaderList default_headers)
    : listen_fd_(listen_fd),
      pool_(handler, default_headers, limits.workers, limits.max_queued),
      shared_(listen_fd, tls, handler, with_a_loop(limits), default_headers, pool_) {
  for (int i = 0; i < shared_.limits.event_loops; ++i) loops_.push_back(std::make_unique<EventLoop>(i, shared_));
}

HttpServer::~HttpServer() {
  pool_.stop();
  loops_.clear();
  ::close(listen_fd_);
}

int HttpServer::abandoned_workers() { return WorkerPool::abandoned(); }

int HttpServer::loops_for_this_machine(int at_most) {
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  int count = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : 1;
  return std::clamp(count, 1, std::max(1, at_most));
}

std::vector<size_t> HttpServer::connections_per_loop() const {
  std::vector<size_t> counts;
  for (const std::atomic<size_t>& open : shared_.open) counts.push_back(open);
  return counts;
}

void HttpServer::stop() {
  for (auto& loop : loops_) loop->stop();
}

void HttpServer::serve() {
  std::vector<std::thread> threads;
  for (size_t i = 1; i < loops_.size(); ++i) threads.emplace_back([this, i] { loops_[i]->run(); });
  loops_[0]->run();
  stop();  // the first loop also ends on an epoll error: the others with it
  for (std::thread& thread : threads) thread.join();
  pool_.stop();
}

}  // namespace symptree
