// SharedScrape: one scrape in flight at a time, its answer shared.
#include "exporter/web/shared_scrape.h"

#include "exporter/web/gzip.h"

namespace symptree {

const std::string& ScrapeText::gzipped() const {
  std::call_once(gzip_once_, [this] { gzipped_ = gzip_compress(text_); });
  return gzipped_;
}

std::shared_ptr<const ScrapeText> SharedScrape::get() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (std::shared_ptr<Run> run = in_flight_) {
    ++joined_;
    finished_.wait(lock, [&run] { return run->done; });
    return run->answer;
  }
  auto run = std::make_shared<Run>();
  in_flight_ = run;
  lock.unlock();
  std::shared_ptr<const ScrapeText> answer;
  try {
    answer = std::make_shared<const ScrapeText>(produce_());
  } catch (...) {
    lock.lock();
    run->done = true;  // those waiting get no answer (null) and fail as this request does
    in_flight_.reset();
    finished_.notify_all();
    throw;
  }
  lock.lock();
  run->answer = answer;
  run->done = true;
  in_flight_.reset();
  ++produced_;
  finished_.notify_all();
  return answer;
}

uint64_t SharedScrape::joined() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return joined_;
}

uint64_t SharedScrape::produced() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return produced_;
}

}  // namespace symptree
