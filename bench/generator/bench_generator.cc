// bench/generator: compiles synthetic specs of 10 to 10,000 branches with the
// real `symptree` binary, one process per run, and prints wall time, peak
// memory (the child's max RSS) and how time grows with size.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/generator/synthetic_spec.h"

namespace {

struct Run {
  double seconds;
  long max_rss_kb;
};

// Runs `symptree compile spec -o out --no-promtool -q` and measures it.
Run compile_once(const std::string& symptree, const std::string& spec, const std::string& out) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    execl(symptree.c_str(), symptree.c_str(), "--no-promtool", "compile", spec.c_str(), "-o", out.c_str(), "-q",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "bench: symptree failed on %s\n", spec.c_str());
    std::exit(1);
  }
  return {seconds, usage.ru_maxrss};
}

}  // namespace

int main(int argc, char** argv) {
  std::string symptree = argc > 1 ? argv[1] : "build/symptree";
  const int repeats = 5;
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("symptree-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::printf("%10s %12s %12s %14s %16s\n", "branches", "median s", "peak MB", "us/branch", "time vs 10x fewer");
  double previous = 0;
  for (int branches : {10, 100, 1000, 10000}) {
    fs::path spec = dir / ("synthetic-" + std::to_string(branches) + ".yaml");
    std::ofstream(spec) << symptree::synthetic_spec(branches);
    std::vector<Run> runs;
    for (int i = 0; i < repeats; ++i) runs.push_back(compile_once(symptree, spec, (dir / "out").string()));
    std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
    long peak = 0;
    for (const Run& r : runs) peak = std::max(peak, r.max_rss_kb);
    double median = runs[repeats / 2].seconds;
    std::printf("%10d %12.3f %12.1f %14.1f", branches, median, peak / 1024.0, median * 1e6 / branches);
    if (previous > 0) std::printf(" %15.1fx", median / previous);
    std::printf("\n");
    previous = median;
  }
  fs::remove_all(dir);
  return 0;
}
