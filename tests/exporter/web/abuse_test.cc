// The exporter under abusive clients, end to end on 127.0.0.1: slowloris and
// idle keep-alive connections by the hundred, oversized and malformed
// requests, pipelining, silent TLS connections, wrk at 2,000 connections and
// SIGTERM in the middle of it all. Every connection and process is closed or
// stopped at the end of its test; loops are bounded in count and time.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "running_exporter.h"
#include "test_support.h"
#include "web/raw_http.h"

using namespace symptree::testing;
using std::chrono::milliseconds;

namespace {

using SteadyClock = std::chrono::steady_clock;

// The bound a scrape must meet in these tests: the benchmark holds it to
// 100 ms; a test on a loaded shared machine allows for scheduling delays.
constexpr double kScrapeBoundMs = 1000;

// Under AddressSanitizer freed memory waits in its quarantine instead of going back to
// the system, so RSS after a burst says nothing about the exporter there.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRssIsMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kRssIsMeaningful = false;
#else
constexpr bool kRssIsMeaningful = true;
#endif
#else
constexpr bool kRssIsMeaningful = true;
#endif

double elapsed_ms(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

struct Latency {
  double median = 0;
  double max = 0;
  int failures = 0;
};

// `count` sequential scrapes, each on a new connection as Prometheus' first scrape does.
Latency time_scrapes(int port, int count, bool tls = false) {
  std::vector<double> times;
  Latency latency;
  for (int i = 0; i < count; ++i) {
    auto start = SteadyClock::now();
    auto answered = [](httplib::Result result) { return result && (result->status == 200 || result->status == 503); };
    bool ok;
    if (tls) {
      httplib::SSLClient client("127.0.0.1", port);
      client.enable_server_certificate_verification(false);
      client.set_read_timeout(std::chrono::seconds(20));
      ok = answered(client.Get("/metrics"));
    } else {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(std::chrono::seconds(20));
      ok = answered(client.Get("/metrics"));
    }
    times.push_back(elapsed_ms(start));
    if (!ok) ++latency.failures;
  }
  std::sort(times.begin(), times.end());
  latency.median = times[times.size() / 2];
  latency.max = times.back();
  return latency;
}

std::vector<RawConnection> open_connections(int port, int count) {
  std::vector<RawConnection> connections;
  for (int i = 0; i < count; ++i) {
    connections.emplace_back(port);
    REQUIRE(connections.back().connected());
  }
  return connections;
}

// Waits (at most `deadline`) until process `pid` holds at least `count` open
// descriptors, that is until it has accepted that many connections; true then.
bool wait_for_descriptors(pid_t pid, size_t count, milliseconds deadline) {
  std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  auto end = SteadyClock::now() + deadline;
  while (SteadyClock::now() < end) {
    std::error_code error;
    size_t open = 0;
    for (auto it = std::filesystem::directory_iterator(dir, error); !error && it != std::filesystem::directory_iterator();
         it.increment(error)) {
      ++open;
    }
    if (open >= count) return true;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return false;
}

// Sends one byte on every connection every 100 ms for `duration` (slowloris).
std::thread trickle(std::vector<RawConnection>& connections, milliseconds duration, std::atomic<bool>& stop) {
  return std::thread([&connections, duration, &stop] {
    auto end = SteadyClock::now() + duration;
    while (!stop && SteadyClock::now() < end) {
      for (RawConnection& connection : connections) connection.send("a");
      std::this_thread::sleep_for(milliseconds(100));
    }
  });
}

}  // namespace

TEST_CASE("500 slowloris connections do not delay a scrape, and are closed after the header timeout") {
  TempDir dir;
  Exporter exporter(dir, "memory: true\n", {"--web.read-header-timeout", "2"});
  std::vector<RawConnection> slow = open_connections(exporter.port, 500);
  for (RawConnection& connection : slow) connection.send("GET /metrics HTTP/1.1\r\nX-Slow: ");
  std::atomic<bool> stop{false};
  std::thread trickler = trickle(slow, milliseconds(1500), stop);
  Latency latency = time_scrapes(exporter.port, 20);
  stop = true;
  trickler.join();
  MESSAGE("scrape with 500 slowloris connections: median " << latency.median << " ms, max " << latency.max << " ms");
  CHECK(latency.failures == 0);
  CHECK(latency.max < kScrapeBoundMs);
  int closed = 0;
  for (RawConnection& connection : slow) closed += connection.closed_within(milliseconds(4000)) ? 1 : 0;
  CHECK(closed == 500);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("500 idle keep-alive connections do not delay a scrape, and are closed after the idle timeout") {
  TempDir dir;
  Exporter exporter(dir, "memory: true\n", {"--web.idle-timeout", "2"});
  std::vector<RawConnection> idle = open_connections(exporter.port, 500);
  for (RawConnection& connection : idle) {
    connection.send(get_request("/healthz"));
    REQUIRE(connection.read_responses(1, milliseconds(5000)) == std::vector<int>{200});
  }
  Latency latency = time_scrapes(exporter.port, 20);
  MESSAGE("scrape with 500 idle keep-alive connections: median " << latency.median << " ms, max " << latency.max << " ms");
  CHECK(latency.failures == 0);
  CHECK(latency.max < kScrapeBoundMs);
  int closed = 0;
  for (RawConnection& connection : idle) closed += connection.closed_within(milliseconds(5000)) ? 1 : 0;
  CHECK(closed == 500);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("a 1 MB header, a 1 MB request line and a bad request line are refused at once, and the memory is given back") {
  TempDir dir;
  Exporter exporter(dir, "memory: true\n");
  exporter.scrape();
  long baseline = rss_kib(exporter.process->pid());
  struct Case {
    std::string request;
    int status;
  };
  std::vector<Case> cases = {
      {"GET /metrics HTTP/1.1\r\nX-Big: " + std::string(1 << 20, 'x') + "\r\n\r\n", 431},
      {"GET /" + std::string(1 << 20, 'x') + " HTTP/1.1\r\n\r\n", 414},
      {"GARBAGE\r\n\r\n", 400},
      {"GET /metrics HTTP/9.9\r\n\r\n", 505},
      {"POST /metrics HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n", 413},
  };
  for (const Case& c : cases) {
    CAPTURE(c.status);
    RawConnection connection(exporter.port);
    auto start = SteadyClock::now();
    connection.send(c.request);
    CHECK(connection.read_responses(1, milliseconds(5000)) == std::vector<int>{c.status});
    CHECK(connection.closed_within(milliseconds(2000)));
    CHECK(elapsed_ms(start) < kScrapeBoundMs);
  }
  // 100 clients at once with a 1 MB header each: each is held to 8 KiB of headers.
  std::vector<std::thread> clients;
  for (int i = 0; i < 100; ++i) {
    clients.emplace_back([port = exporter.port] {
      RawConnection connection(port);
      connection.send("GET /metrics HTTP/1.1\r\nX-Big: " + std::string(1 << 20, 'x') + "\r\n\r\n");
      connection.read_responses(1, milliseconds(10000));
    });
  }
  for (std::thread& client : clients) client.join();
  exporter.scrape();
  long after = rss_kib(exporter.process->pid());
  MESSAGE("RSS before " << baseline << " KiB, after 100 x 1 MB headers " << after << " KiB");
  if (kRssIsMeaningful) CHECK(after - baseline < 4096);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("2,000 pipelined requests on one connection are all answered, in order") {
  TempDir dir;
  Exporter exporter(dir, "memory: true\n");
  RawConnection connection(exporter.port);
  std::string requests;
  for (int i = 0; i < 2000; ++i) requests += get_request(i % 2 ? "/healthz" : "/nosuch");
  std::thread sender([&] { connection.send(requests); });
  std::vector<int> statuses = connection.read_responses(2000, milliseconds(30000));
  sender.join();
  REQUIRE(statuses.size() == 2000);
  for (size_t i = 0; i < statuses.size(); ++i) CHECK(statuses[i] == (i % 2 ? 200 : 404));
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("during wrk -c2000 every scrape is answered at once, 200 or 503") {
  TempDir dir;
  Exporter exporter(dir, "memory: true\n");
  std::string url = "http://127.0.0.1:" + std::to_string(exporter.port) + "/metrics";
  pid_t wrk = fork();
  if (wrk == 0) {
    rlimit files{};  // 2,000 connections need more descriptors than a default soft limit of 1,024
    if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
      files.rlim_cur = files.rlim_max;
      setrlimit(RLIMIT_NOFILE, &files);
    }
    if (!freopen("/dev/null", "w", stdout)) _exit(127);
    execlp("wrk", "wrk", "-t2", "-c2000", "-d6s", url.c_str(), nullptr);
    _exit(127);
  }
  REQUIRE(wrk > 0);
  // wrk has opened (most of) its connections: the exporter holds them.
  CHECK(wait_for_descriptors(exporter.process->pid(), 500, milliseconds(10000)));
  Latency latency = time_scrapes(exporter.port, 20);
  kill(wrk, SIGTERM);
  int status = 0;
  waitpid(wrk, &status, 0);
  MESSAGE("scrape during wrk -c2000: median " << latency.median << " ms, max " << latency.max << " ms");
  CHECK(latency.failures == 0);
  // wrk's two threads take both cores here: the bound is the scheduler's, not
  // the exporter's (before: a scrape waited 15 s for its 503).
  CHECK(latency.max < 2 * kScrapeBoundMs);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("silent and stalled TLS connections hold no worker and SIGTERM stops the exporter within a second") {
  TempDir dir;
  make_certificate(dir / "server.crt", dir / "server.key", -1, 30);
  write_file(dir / "web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
  write_file(dir / "exporter.yml", "memory: true\n");
  int port = free_port();
  auto process = spawn_exporter({"--config.file", dir / "exporter.yml", "--web.config.file", dir / "web.yml",
                                 "--web.read-header-timeout", "2", "--web.listen-address",
                                 "127.0.0.1:" + std::to_string(port)},
                                dir / "log");
  httplib::SSLClient probe("127.0.0.1", port);
  probe.enable_server_certificate_verification(false);
  bool serving = false;
  for (int i = 0; i < 250 && !serving; ++i) {
    serving = static_cast<bool>(probe.Get("/healthz"));
    if (!serving) std::this_thread::sleep_for(milliseconds(20));
  }
  REQUIRE_MESSAGE(serving, read_file(dir / "log"));
  std::vector<RawConnection> silent = open_connections(port, 50);
  std::vector<RawConnection> stalled = open_connections(port, 50);
  for (RawConnection& connection : stalled) connection.send(std::string("\x16\x03\x01\x02\x00\x01", 6));  // half a ClientHello
  Latency latency = time_scrapes(port, 10, true);
  MESSAGE("TLS scrape with 100 silent or stalled handshakes: median " << latency.median << " ms, max " << latency.max << " ms");
  CHECK(latency.failures == 0);
  CHECK(latency.max < kScrapeBoundMs);
  int closed = 0;
  for (RawConnection& connection : silent) closed += connection.closed_within(milliseconds(4000)) ? 1 : 0;
  CHECK(closed == 50);
  // New stalled handshakes and slowloris, then SIGTERM.
  std::vector<RawConnection> more = open_connections(port, 200);
  for (size_t i = 0; i < more.size(); ++i) more[i].send(i % 2 ? std::string("\x16\x03\x01", 3) : "GET / HTTP/1.1\r\n");
  std::atomic<bool> stop{false};
  std::thread trickler = trickle(more, milliseconds(3000), stop);
  // No wait: SIGTERM must stop the exporter whatever state these connections are in
  // (queued, accepted, or already closed as bad TLS).
  auto start = SteadyClock::now();
  kill(process->pid(), SIGTERM);
  int code = process->wait_exit(5000);
  double stop_ms = elapsed_ms(start);
  stop = true;
  trickler.join();
  MESSAGE("SIGTERM to exit with 200 trickling connections: " << stop_ms << " ms");
  CHECK(code == 0);
  CHECK(stop_ms < 1000);
}
