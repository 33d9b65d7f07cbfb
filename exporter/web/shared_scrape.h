// Scrapes that arrive while another is being collected and serialized wait
// for that one and share its text (and its gzip, compressed once), so that N
// scrapes at once cost one collection and one serialization. Each collector
// already joins the run in flight; this does the same for the whole answer,
// whose values are then at most one run older than the request.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace symptree {

// One scrape's answer, shared by every request that joined it.
class ScrapeText {
 public:
  explicit ScrapeText(std::string text) : text_(std::move(text)) {}
  const std::string& text() const { return text_; }
  // The text gzipped, compressed by the first request that asks.
  const std::string& gzipped() const;

 private:
  std::string text_;
  mutable std::once_flag gzip_once_;
  mutable std::string gzipped_;
};

class SharedScrape {
 public:
  explicit SharedScrape(std::function<std::string()> produce) : produce_(std::move(produce)) {}

  // The answer of the scrape in flight, waited for, or of a new one.
  std::shared_ptr<const ScrapeText> get();
  // Scrapes produced so far, and requests that joined one in flight (for tests).
  uint64_t produced() const;
  uint64_t joined() const;

 private:
  // A scrape being produced: its answer once done.
  struct Run {
    bool done = false;
    std::shared_ptr<const ScrapeText> answer;
  };

  const std::function<std::string()> produce_;
  mutable std::mutex mutex_;  // guards in_flight_, produced_, joined_
  std::condition_variable finished_;
  std::shared_ptr<Run> in_flight_;
  uint64_t produced_ = 0;
  uint64_t joined_ = 0;
};

}  // namespace symptree
