// symptree-bench-scrape: the benchmark's measuring tool. Times N sequential
// scrapes over one keep-alive connection (as Prometheus scrapes), optionally
// with the median of one series across them; or makes N small files.
//
//   symptree-bench-scrape time HOST PORT N [SERIES]   -> "median_ms p90_ms [series_median]"
//   symptree-bench-scrape until HOST PORT SERIES S [PACE_MS] -> scrapes (waiting for the server to
//       listen) until SERIES is 1, at most S seconds, back to back or one every PACE_MS:
//       "elapsed_ms median_ms max_ms scrapes first_ms" (elapsed from this tool's start, so a walk
//       started with the server is timed from before it; median and max leave out the first
//       scrape, timed apart as first_ms)
//   symptree-bench-scrape paced HOST PORT N PACE_MS    -> "median_ms max_ms" of N scrapes, one every PACE_MS
//   symptree-bench-scrape files DIR N                 -> creates DIR/dNNN/fNNNNNN, 1..64 bytes each
//   symptree-bench-scrape abuse HOST PORT N MODE M    -> "median_ms max_ms failed busy" of N scrapes (200 or
//        503; busy: how many were 503) while
//        M connections are held open: MODE slowloris (headers one byte a second), idle (keep-alive after
//        one request), or none
#include <httplib.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

// The value of the line starting with `series ` in an exposition, or -1.
double series_value(const std::string& body, const std::string& series) {
  size_t at = body.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(body.substr(at + series.size() + 2));
}

int time_scrapes(const std::string& host, int port, int count, const std::string& series) {
  httplib::Client client(host, port);
  client.set_keep_alive(true);
  client.set_read_timeout(std::chrono::seconds(30));
  std::vector<double> latencies, values;
  for (int i = 0; i < count; ++i) {
    auto begin = std::chrono::steady_clock::now();
    httplib::Result result = client.Get("/metrics");
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    if (!result || result->status != 200) {
      std::fprintf(stderr, "scrape %d failed\n", i);
      return 1;
    }
    latencies.push_back(ms);
    if (!series.empty()) values.push_back(series_value(result->body, series));
  }
  std::printf("%.3f %.3f", median(latencies), percentile(latencies, 0.9));
  if (!series.empty()) std::printf(" %.6f", median(values));
  std::printf("\n");
  return 0;
}

int connect_to(const std::string& host, int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, host.c_str(), &address.sin_addr);
  if (fd >= 0 && connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Holds `count` abusive connections open while `count` scrapes run on one keep-alive connection.
int abuse(const std::string& host, int port, int scrapes, const std::string& mode, int count) {
  std::vector<int> fds;
  for (int i = 0; i < count; ++i) {
    int fd = connect_to(host, port);
    if (fd < 0) {
      std::fprintf(stderr, "connection %d failed\n", i);
      return 1;
    }
    std::string start = mode == "idle" ? "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" : "GET /metrics HTTP/1.1\r\nX: ";
    if (send(fd, start.data(), start.size(), MSG_NOSIGNAL) < 0) return 1;
    if (mode == "idle") {
      char buffer[512];
      if (recv(fd, buffer, sizeof buffer, 0) <= 0) return 1;
    }
    fds.push_back(fd);
  }
  std::atomic<bool> done{false};
  std::thread trickler([&] {
    while (!done && mode == "slowloris") {
      for (int fd : fds) send(fd, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      for (int i = 0; i < 10 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  httplib::Client client(host, port);
  client.set_keep_alive(true);
  client.set_read_timeout(std::chrono::seconds(30));
  std::vector<double> latencies;
  int failures = 0, busy = 0;
  for (int i = 0; i < scrapes; ++i) {
    auto begin = std::chrono::steady_clock::now();
    httplib::Result result = client.Get("/metrics");
    latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
    if (!result || (result->status != 200 && result->status != 503)) ++failures;
    if (result && result->status == 503) ++busy;
  }
  done = true;
  trickler.join();
  for (int fd : fds) close(fd);
  std::printf("%.3f %.3f %d %d\n", median(latencies), *std::max_element(latencies.begin(), latencies.end()), failures,
              busy);
  return 0;
}

// Sleeps until `pace_ms` after the last scrape's tick `next` (moved on): a
// slow scrape delays the next one, with no burst after it; 0 does not wait.
void wait_for_pace(std::chrono::steady_clock::time_point& next, double pace_ms) {
  next = std::max(next + std::chrono::microseconds(static_cast<int64_t>(pace_ms * 1000)),
                  std::chrono::steady_clock::now());
  std::this_thread::sleep_until(next);
}

// N scrapes on one keep-alive connection, one every `pace_ms`: the floor a paced
// scrape during a walk is compared with.
int paced_scrapes(const std::string& host, int port, int count, double pace_ms) {
  httplib::Client client(host, port);
  client.set_keep_alive(true);
  client.set_read_timeout(std::chrono::seconds(30));
  std::vector<double> latencies;
  auto next = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    wait_for_pace(next, pace_ms);
    auto begin = std::chrono::steady_clock::now();
    httplib::Result result = client.Get("/metrics");
    if (!result || result->status != 200) {
      std::fprintf(stderr, "scrape %d failed\n", i);
      return 1;
    }
    latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
  }
  std::printf("%.3f %.3f\n", median(latencies), *std::max_element(latencies.begin(), latencies.end()));
  return 0;
}

int scrape_until(const std::string& host, int port, const std::string& series, double limit_s, double pace_ms) {
  auto start = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  httplib::Client client(host, port);
  client.set_keep_alive(true);
  client.set_read_timeout(std::chrono::seconds(30));
  std::vector<double> latencies;
  auto next = start;
  while (elapsed_ms() < limit_s * 1000) {
    wait_for_pace(next, pace_ms);
    auto begin = std::chrono::steady_clock::now();
    httplib::Result result = client.Get("/metrics");
    if (!result) continue;  // not listening yet
    latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
    if (series_value(result->body, series) == 1) {
      // The first scrape of a new process is timed apart (cold caches, first connection).
      double first = latencies.front();
      std::vector<double> later(latencies.begin() + 1, latencies.end());
      if (later.empty()) later = latencies;
      std::printf("%.3f %.3f %.3f %zu %.3f\n", elapsed_ms(), median(later), *std::max_element(later.begin(), later.end()),
                  latencies.size(), first);
      return 0;
    }
  }
  std::fprintf(stderr, "%s did not become 1 within %g s\n", series.c_str(), limit_s);
  return 1;
}

int make_files(const std::string& dir, int count) {
  constexpr int kPerDirectory = 1000;
  for (int i = 0; i < count; ++i) {
    std::string sub = dir + "/d" + std::to_string(i / kPerDirectory);
    if (i % kPerDirectory == 0) mkdir(sub.c_str(), 0755);
    std::ofstream(sub + "/f" + std::to_string(i)) << std::string(1 + i % 64, 'x');
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 4 && args[0] == "time") {
    return time_scrapes(args[1], std::stoi(args[2]), std::stoi(args[3]), args.size() > 4 ? args[4] : "");
  }
  if ((args.size() == 5 || args.size() == 6) && args[0] == "until") {
    return scrape_until(args[1], std::stoi(args[2]), args[3], std::stod(args[4]), args.size() > 5 ? std::stod(args[5]) : 0);
  }
  if (args.size() == 5 && args[0] == "paced") {
    return paced_scrapes(args[1], std::stoi(args[2]), std::stoi(args[3]), std::stod(args[4]));
  }
  if (args.size() == 3 && args[0] == "files") return make_files(args[1], std::stoi(args[2]));
  if (args.size() == 6 && args[0] == "abuse") {
    return abuse(args[1], std::stoi(args[2]), std::stoi(args[3]), args[4], std::stoi(args[5]));
  }
  std::fprintf(stderr, "usage: symptree-bench-scrape time HOST PORT N [SERIES] | until HOST PORT SERIES S [PACE_MS] | paced HOST PORT N PACE_MS | files DIR N | abuse HOST PORT N MODE M\n");
  return 2;
}
