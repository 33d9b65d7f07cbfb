// CollectorRunner: a hung item is answered from the last run after slow_after,
// its run abandoned after the timeout, the item skipped until the call returns,
// and it recovers afterwards.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <future>

#include "exporter/runner/collector_runner.h"
#include "test_support.h"
#include "virtual_file_system.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A collector whose runs wait until the test opens its gate.
class GatedCollector : public Collector {
 public:
  GatedCollector() : Collector("filesystem"), gate_(opened_.get_future().share()) {}
  void open_gate() { opened_.set_value(); }
  void collect(ProbeContext&) override { gate_.wait(); }

 private:
  std::promise<void> opened_;
  std::shared_future<void> gate_;
};

}  // namespace

TEST_CASE("a hung path is answered from the last run at once, abandoned after the timeout, skipped until it returns") {
  TempDir dir;
  make_certificate(dir / "good.crt", dir / "good.key", -1, 30);
  VirtualFileSystem fs;
  fs.add_file("/tls/hung.crt", read_file(dir / "good.crt"));
  fs.add_file("/tls/good.crt", read_file(dir / "good.crt"));
  auto collector = make_collector(
      "certificate", host_config(&HostConfig::certificates, {{"hung", "/tls/hung.crt", "", {}}, {"good", "/tls/good.crt", "", {}}}),
      fs);
  CollectorRunner runner(collector, std::chrono::milliseconds(400));
  REQUIRE(runner.slow_after() == std::chrono::milliseconds(100));
  CHECK(runner.run().success());

  fs.hang("/tls/hung.crt");
  // The first scrape waits only slow_after for the hung item, then answers from the last run.
  Clock::time_point start = Clock::now();
  RunResult first = runner.run();
  CHECK(seconds_since(start) < 0.35);
  CHECK_FALSE(first.success());
  REQUIRE(first.failures.size() == 1);
  CHECK(first.failures[0].find("hung.crt' is slow (no answer within 0.1s)") != std::string::npos);
  CHECK(first.samples.size() >= 4);  // the last run's values of both certificates
  // Later scrapes during the same run answer at once.
  start = Clock::now();
  CHECK_FALSE(runner.run().success());
  CHECK(seconds_since(start) < 0.05);

  // Once the run is older than the timeout its worker is abandoned; the next run skips the hung path.
  while (Clock::now() - start < std::chrono::milliseconds(450)) usleep(10000);
  RunResult timed_out = runner.run();
  CHECK(timed_out.failures[0].find("hung.crt' did not answer within 0.4s") != std::string::npos);
  CHECK(CollectorRunner::abandoned_workers() == 1);
  start = Clock::now();
  RunResult second = runner.run();
  CHECK(seconds_since(start) < 0.2);
  CHECK_FALSE(second.success());
  REQUIRE_FALSE(second.failures.empty());
  CHECK(second.failures[0].find("skipped") != std::string::npos);
  bool good_reported = false;
  for (const Sample& s : second.samples) good_reported |= s.label_values[0] == "good";
  CHECK(good_reported);

  // Once the hung call returns, the path is checked again.
  fs.release("/tls/hung.crt");
  RunResult recovered;
  for (int i = 0; i < 100 && !recovered.success(); ++i) {
    usleep(20000);
    recovered = runner.run();
  }
  CHECK(recovered.success());
  CHECK(CollectorRunner::abandoned_workers() == 0);
}

TEST_CASE("concurrent scrapes share one run") {
  // The run is held open until both scrapes have asked for it, so the test does
  // not depend on how fast the worker thread gets scheduled.
  auto collector = std::make_shared<GatedCollector>();
  CollectorRunner runner(collector, std::chrono::milliseconds(1000));
  CollectorRunner::Ticket a = runner.start();
  CollectorRunner::Ticket b = runner.start();
  CHECK(a.generation == b.generation);
  collector->open_gate();
  CHECK(runner.wait(a, Clock::now() + std::chrono::seconds(1)).success());
  CHECK(runner.wait(b, Clock::now() + std::chrono::seconds(1)).success());
  CHECK(runner.start().generation == a.generation + 1);
}
