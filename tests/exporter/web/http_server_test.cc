// HttpServer with a scripted handler: a full queue answers 503 at once and
// tells the handler (so a scrape counted in answer_now is released), stop()
// returns at once with a worker still inside a handler, and several event
// loops share the connections and answer them all.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "exporter/web/http_server.h"
#include "exporter/web/listen_socket.h"
#include "test_support.h"
#include "web/raw_http.h"

using namespace symptree;
using namespace symptree::testing;
using std::chrono::milliseconds;

namespace {

// Holds every answer() until released; counts drops.
class HeldHandler : public HttpHandler {
 public:
  std::optional<HttpResponse> answer_now(const HttpRequest&) override {
    ++parsed;  // on the loop, which queues the request (or answers 503) before it reads the next
    return std::nullopt;
  }
  HttpResponse answer(const HttpRequest&) override {
    std::unique_lock<std::mutex> lock(mutex_);
    ++entered;
    released_.wait(lock, [this] { return release_; });
    return text_response(200, "done\n");
  }
  void dropped(const HttpRequest&) override { ++drops; }
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    release_ = true;
    released_.notify_all();
  }
  std::atomic<int> parsed{0};
  std::atomic<int> entered{0};
  std::atomic<int> drops{0};

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  bool release_ = false;
};

// Answers "/now" on the loop and anything else on a worker, at once.
class QuickHandler : public HttpHandler {
 public:
  std::optional<HttpResponse> answer_now(const HttpRequest& request) override {
    if (request.path() == "/now") return text_response(200, "now\n");
    return std::nullopt;
  }
  HttpResponse answer(const HttpRequest&) override { return text_response(200, "worker\n"); }
  void dropped(const HttpRequest&) override {}
};

}  // namespace

TEST_CASE("http server: a full queue is a 503 at once and a drop, queued requests are answered once workers free") {
  int port = free_port();
  std::string error;
  int fd = open_listen_socket({"127.0.0.1", port}, error);
  REQUIRE_MESSAGE(fd >= 0, error);
  HeldHandler handler;
  HttpServerLimits limits;
  limits.workers = 1;
  limits.max_queued = 1;
  HttpServer server(fd, nullptr, handler, limits, {});
  std::thread loop([&server] { server.serve(); });
  RawConnection in_work(port), queued(port), refused(port);
  in_work.send(get_request("/a"));
  for (int i = 0; i < 500 && handler.entered == 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  REQUIRE(handler.entered == 1);
  queued.send(get_request("/b"));
  // /b is in the queue before /c is sent: the loop queued it right after parsing it.
  for (int i = 0; i < 500 && handler.parsed < 2; ++i) std::this_thread::sleep_for(milliseconds(10));
  REQUIRE(handler.parsed == 2);
  refused.send(get_request("/c"));
  CHECK(refused.read_responses(1, milliseconds(5000)) == std::vector<int>{503});
  CHECK(handler.drops == 1);
  handler.release();
  CHECK(in_work.read_responses(1, milliseconds(5000)) == std::vector<int>{200});
  CHECK(queued.read_responses(1, milliseconds(5000)) == std::vector<int>{200});
  server.stop();
  loop.join();
}

TEST_CASE("http server: stop() returns within a second with a worker stuck in a handler") {
  int port = free_port();
  std::string error;
  int fd = open_listen_socket({"127.0.0.1", port}, error);
  REQUIRE_MESSAGE(fd >= 0, error);
  // Both outlive the test: the abandoned worker still uses them, as in the
  // exporter, which then leaves with _exit. Static pointers keep them reachable,
  // so LeakSanitizer does not count them as leaks.
  static HeldHandler& handler = *new HeldHandler;
  HttpServerLimits limits;
  limits.workers = 1;
  static HttpServer* server = new HttpServer(fd, nullptr, handler, limits, HeaderList{});
  std::thread loop([] { server->serve(); });
  RawConnection stuck(port);
  stuck.send(get_request("/a"));
  for (int i = 0; i < 500 && handler.entered == 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  REQUIRE(handler.entered == 1);
  auto start = std::chrono::steady_clock::now();
  server->stop();
  loop.join();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  CHECK(HttpServer::abandoned_workers() >= 1);
  CHECK(stuck.closed_within(milliseconds(2000)));
  handler.release();  // the abandoned worker finishes; its answer goes nowhere
}

TEST_CASE("http server: with two event loops the connections are spread over both, and every one is answered") {
  int port = free_port();
  std::string error;
  int fd = open_listen_socket({"127.0.0.1", port}, error);
  REQUIRE_MESSAGE(fd >= 0, error);
  QuickHandler handler;
  HttpServerLimits limits;
  limits.event_loops = 2;
  HttpServer server(fd, nullptr, handler, limits, {});
  std::thread loops([&server] { server.serve(); });
  constexpr size_t kConnections = 64;
  std::vector<RawConnection> connections;
  for (size_t i = 0; i < kConnections; ++i) {
    connections.emplace_back(port);
    REQUIRE(connections.back().connected());
  }
  auto held = [&server] {
    std::vector<size_t> counts = server.connections_per_loop();
    return counts.size() == 2 ? counts[0] + counts[1] : 0;
  };
  for (int i = 0; i < 500 && held() < kConnections; ++i) std::this_thread::sleep_for(milliseconds(10));
  std::vector<size_t> counts = server.connections_per_loop();
  REQUIRE(counts.size() == 2);
  CHECK(counts[0] + counts[1] == kConnections);
  // Each loop takes new connections while it holds at most 16 more than the other.
  CHECK(counts[0] >= kConnections / 4);
  CHECK(counts[1] >= kConnections / 4);
  for (RawConnection& connection : connections) connection.send(get_request("/now") + get_request("/worker"));
  for (RawConnection& connection : connections) {
    CHECK(connection.read_responses(2, milliseconds(5000)) == std::vector<int>{200, 200});
  }
  connections.clear();
  for (int i = 0; i < 500 && held() > 0; ++i) std::this_thread::sleep_for(milliseconds(10));
  CHECK(held() == 0);
  server.stop();
  loops.join();
}
