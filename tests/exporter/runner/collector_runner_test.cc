// CollectorRunner: a hung collector is reported within its timeout, its hung
// item is skipped until the call returns, and it recovers afterwards.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <future>

#include "exporter/runner/collector_runner.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Opens the FIFO's write end and closes it, which ends a reader's blocking open.
void release_fifo(const std::string& fifo) {
  int fd = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
  if (fd >= 0) close(fd);
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

TEST_CASE("a certificate path on a FIFO hangs its open(); the run times out and the path is skipped until it returns") {
  TempDir dir;
  make_certificate(dir / "good.crt", dir / "good.key", -1, 30);
  REQUIRE(mkfifo((dir / "fifo").c_str(), 0600) == 0);
  symlink((dir / "fifo").c_str(), (dir / "hung.crt").c_str());
  auto collector = make_collector(
      "certificate", host_config(&HostConfig::certificates, {{"hung", dir / "hung.crt", "", {}}, {"good", dir / "good.crt", "", {}}}));
  CollectorRunner runner(collector, std::chrono::milliseconds(300));

  Clock::time_point start = Clock::now();
  RunResult first = runner.run();
  CHECK(seconds_since(start) < 1.0);
  CHECK_FALSE(first.finished);
  CHECK_FALSE(first.success());
  REQUIRE(first.failures.size() == 1);
  CHECK(first.failures[0].find("hung.crt' did not answer within 0.3s") != std::string::npos);

  // The hung path is skipped: the other certificate is reported, quickly, as a failed run.
  start = Clock::now();
  RunResult second = runner.run();
  CHECK(seconds_since(start) < 0.2);
  CHECK(second.finished);
  CHECK_FALSE(second.success());
  CHECK(second.failures[0].find("skipped") != std::string::npos);
  bool good_reported = false;
  for (const Sample& s : second.samples) good_reported |= s.label_values[0] == "good";
  CHECK(good_reported);

  // Once the hung open() returns, the path is checked again.
  write_file(dir / "copy.crt", read_file(dir / "good.crt"));
  rename((dir / "copy.crt").c_str(), (dir / "hung.crt").c_str());
  release_fifo(dir / "fifo");
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
