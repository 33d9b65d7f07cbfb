// HttpServer's workers: a fixed pool of threads that run the handler's
// answer() for the complete requests the event loops hand them, serialize the
// response, and give the bytes back to the loop that owns the connection.
// The queue is bounded: a request beyond it is refused at once (the loop
// answers 503), never left waiting.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "exporter/web/http_handler.h"

namespace symptree {

// Where a worker puts a finished answer: the event loop owning the connection.
class ReplySink {
 public:
  virtual ~ReplySink() = default;
  // Called on a worker thread; `close` closes the connection once it is sent.
  virtual void reply(uint64_t connection_id, std::string bytes, bool close) = 0;
};

class WorkerPool {
 public:
  WorkerPool(HttpHandler& handler, HeaderList default_headers, int workers, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `request` for a worker; false (and `request` left as it was) when the queue is full.
  bool submit(ReplySink& sink, uint64_t connection_id, HttpRequest& request);
  // Stops the workers: waits 300 ms for those inside a handler, then leaves them running.
  void stop();
  // Workers still inside a handler when stop() returned (all pools).
  static int abandoned();

 private:
  struct Job {
    ReplySink* sink;
    uint64_t id;
    HttpRequest request;
  };
  void run();

  HttpHandler& handler_;
  const HeaderList default_headers_;
  const size_t max_queued_;
  std::mutex mutex_;  // guards jobs_, busy_, stop_
  std::condition_variable jobs_ready_;
  std::condition_variable idle_;
  std::deque<Job> jobs_;
  int busy_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace symptree
