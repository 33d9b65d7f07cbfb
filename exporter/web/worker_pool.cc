// WorkerPool: a bounded job queue and the threads that answer it.
#include "exporter/web/worker_pool.h"

#include <pthread.h>

#include "exporter/core/log.h"

namespace symptree {
namespace {

std::atomic<int> abandoned_workers{0};

}  // namespace

WorkerPool::WorkerPool(HttpHandler& handler, HeaderList default_headers, int workers, size_t max_queued)
    : handler_(handler), default_headers_(std::move(default_headers)), max_queued_(max_queued) {
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() { stop(); }

int WorkerPool::abandoned() { return abandoned_workers.load(); }

bool WorkerPool::submit(ReplySink& sink, uint64_t connection_id, HttpRequest& request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_ || jobs_.size() >= max_queued_) return false;
    jobs_.push_back({&sink, connection_id, std::move(request)});
  }
  jobs_ready_.notify_one();
  return true;
}

void WorkerPool::run() {
  pthread_setname_np(pthread_self(), "exporter-http");  // shown by top -H and in /proc/PID/task/*/comm
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    jobs_ready_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
    if (stop_) return;
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    ++busy_;
    lock.unlock();
    HttpResponse response;
    try {
      response = handler_.answer(job.request);
    } catch (const std::exception& error) {
      log_error(std::string("request failed: ") + error.what());
      response = text_response(500, "internal error\n");
    }
    bool keep_alive = job.request.keep_alive() && !response.close;
    std::string bytes = serialize_response(response, keep_alive, job.request.method == "HEAD", default_headers_);
    job.sink->reply(job.id, std::move(bytes), !keep_alive);
    lock.lock();
    --busy_;
    idle_.notify_all();
  }
}

void WorkerPool::stop() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (threads_.empty()) return;
  stop_ = true;
  jobs_.clear();
  jobs_ready_.notify_all();
  // A worker inside a scrape may wait up to the collector timeout: give it a
  // moment, then leave it running so that stopping takes well under a second.
  bool idle = idle_.wait_for(lock, std::chrono::milliseconds(300), [this] { return busy_ == 0; });
  int busy = busy_;
  lock.unlock();
  for (std::thread& thread : threads_) {
    if (idle) {
      thread.join();
    } else {
      thread.detach();
    }
  }
  if (!idle) abandoned_workers += busy;
  threads_.clear();
}

}  // namespace symptree
