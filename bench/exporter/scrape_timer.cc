// symptree-bench-scrape: the benchmark's measuring tool. Times N sequential
// scrapes over one keep-alive connection (as Prometheus scrapes), optionally
// with the median of one series across them; or makes N small files.
//
//   symptree-bench-scrape time HOST PORT N [SERIES]   -> "median_ms p90_ms [series_median]"
//   symptree-bench-scrape files DIR N                 -> creates DIR/dNNN/fNNNNNN, 1..64 bytes each
#include <httplib.h>
#include <sys/stat.h>

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
  if (args.size() == 3 && args[0] == "files") return make_files(args[1], std::stoi(args[2]));
  std::fprintf(stderr, "usage: symptree-bench-scrape time HOST PORT N [SERIES] | files DIR N\n");
  return 2;
}
