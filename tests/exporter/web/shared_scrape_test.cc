// SharedScrape: requests that arrive while a scrape is produced share its
// answer (and its gzip, compressed once); the next request produces anew; a
// failed scrape fails those that joined it, and the next one starts afresh.
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "exporter/web/shared_scrape.h"

using namespace symptree;
using std::chrono::milliseconds;

namespace {

// A scrape that waits until released, then answers "scrape N" (or throws).
class HeldScrape {
 public:
  std::string produce() {
    std::unique_lock<std::mutex> lock(mutex_);
    int number = ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return released_ >= entered_; });
    if (fail_) throw std::runtime_error("collector exploded");
    return "scrape " + std::to_string(number) + "\n";
  }
  void wait_entered(int count) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(10), [&] { return entered_ >= count; });
  }
  void release(bool fail = false) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++released_;
    fail_ = fail;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  int released_ = 0;
  bool fail_ = false;
};

// Polls (bounded: 10 s) until `shared` has `count` joined requests.
bool wait_joined(const SharedScrape& shared, uint64_t count) {
  for (int i = 0; i < 1000 && shared.joined() < count; ++i) std::this_thread::sleep_for(milliseconds(10));
  return shared.joined() >= count;
}

}  // namespace

TEST_CASE("shared scrape: requests during a scrape share its answer, the next one produces anew") {
  HeldScrape held;
  SharedScrape shared([&held] { return held.produce(); });
  auto first = std::async(std::launch::async, [&] { return shared.get(); });
  held.wait_entered(1);
  auto second = std::async(std::launch::async, [&] { return shared.get(); });
  auto third = std::async(std::launch::async, [&] { return shared.get(); });
  REQUIRE(wait_joined(shared, 2));
  held.release();
  std::shared_ptr<const ScrapeText> answer = first.get();
  REQUIRE(answer.get() != nullptr);
  CHECK(answer->text() == "scrape 1\n");
  CHECK((second.get() == answer));
  CHECK((third.get() == answer));
  CHECK(shared.produced() == 1);
  // The gzip is made once, by the first request that asks, and shared.
  const std::string& packed = answer->gzipped();
  CHECK(&answer->gzipped() == &packed);
  REQUIRE(packed.size() > 2);
  CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);
  // A request after the scrape ended does not get its answer again.
  auto later = std::async(std::launch::async, [&] { return shared.get(); });
  held.wait_entered(2);
  held.release();
  CHECK(later.get()->text() == "scrape 2\n");
  CHECK(shared.produced() == 2);
  CHECK(shared.joined() == 2);
}

TEST_CASE("shared scrape: a scrape that throws fails the requests that joined it, and the next starts afresh") {
  HeldScrape held;
  SharedScrape shared([&held] { return held.produce(); });
  auto first = std::async(std::launch::async, [&] { return shared.get(); });
  held.wait_entered(1);
  auto joined = std::async(std::launch::async, [&] { return shared.get(); });
  REQUIRE(wait_joined(shared, 1));
  held.release(true);
  CHECK_THROWS_AS(first.get(), std::runtime_error);
  CHECK(joined.get().get() == nullptr);
  auto next = std::async(std::launch::async, [&] { return shared.get(); });
  held.wait_entered(2);
  held.release(false);
  CHECK(next.get()->text() == "scrape 2\n");
}
