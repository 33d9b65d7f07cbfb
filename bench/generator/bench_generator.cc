// bench/generator: compiles synthetic specs of 10 to 10,000 branches with the
// real `symptree` binary, one process per run, and prints wall time, peak
// memory (the child's max RSS), how time grows with size, and the floor
// measured in the same run: writing the same output files, which any compile
// must, so a reader can tell a slow machine from a slow compiler.
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

// The outputs a compile wrote, read into memory: (relative path, content).
std::vector<std::pair<std::filesystem::path, std::string>> read_outputs(const std::filesystem::path& out) {
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files.emplace_back(std::filesystem::relative(entry.path(), out),
                       std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  }
  return files;
}

// Seconds to write `files` into the fresh folder `to` (removed first, untimed).
double write_seconds(const std::vector<std::pair<std::filesystem::path, std::string>>& files,
                     const std::filesystem::path& to) {
  std::filesystem::remove_all(to);
  auto start = std::chrono::steady_clock::now();
  for (const auto& [path, content] : files) {
    std::filesystem::create_directories((to / path).parent_path());
    std::ofstream(to / path, std::ios::binary).write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

template <typename T>
T median(std::vector<T> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Median seconds and the highest peak memory of `runs`.
Run summary(std::vector<Run> runs) {
  long peak = 0;
  for (const Run& r : runs) peak = std::max(peak, r.max_rss_kb);
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
  return {runs[runs.size() / 2].seconds, peak};
}

}  // namespace

// usage: bench_generator [SYMPTREE [REFERENCE_SYMPTREE]]. With a reference (an
// older build, say), each size also runs it, turn about with SYMPTREE, and
// prints the ratio: a figure taken on another day can be compared through it.
int main(int argc, char** argv) {
  std::string symptree = argc > 1 ? argv[1] : "build/symptree";
  std::string reference = argc > 2 ? argv[2] : "";
  const int repeats = 5;
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("symptree-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::printf("%10s %12s %12s %14s %16s %14s %10s", "branches", "median s", "peak MB", "us/branch",
              "time vs 10x fewer", "write floor s", "x floor");
  if (!reference.empty()) std::printf(" %13s %13s", "reference s", "x reference");
  std::printf("\n");
  double previous = 0;
  for (int branches : {10, 100, 1000, 10000}) {
    fs::path spec = dir / ("synthetic-" + std::to_string(branches) + ".yaml");
    std::ofstream(spec) << symptree::synthetic_spec(branches);
    // The first run writes every file; the others find them current, as a rerun does.
    fs::remove_all(dir / "out");
    fs::remove_all(dir / "reference-out");
    std::vector<Run> runs, reference_runs;
    for (int i = 0; i < repeats; ++i) {
      runs.push_back(compile_once(symptree, spec, (dir / "out").string()));
      if (!reference.empty()) reference_runs.push_back(compile_once(reference, spec, (dir / "reference-out").string()));
    }
    Run ours = summary(runs);
    auto outputs = read_outputs(dir / "out");
    std::vector<double> floors;
    for (int i = 0; i < repeats; ++i) floors.push_back(write_seconds(outputs, dir / "floor"));
    double floor = median(floors);
    std::printf("%10d %12.3f %12.1f %14.1f", branches, ours.seconds, ours.max_rss_kb / 1024.0,
                ours.seconds * 1e6 / branches);
    if (previous > 0) std::printf(" %15.1fx", ours.seconds / previous);
    else std::printf(" %16s", "");
    std::printf(" %14.3f %9.1fx", floor, ours.seconds / floor);
    if (!reference.empty()) {
      Run theirs = summary(reference_runs);
      std::printf(" %13.3f %12.2fx", theirs.seconds, ours.seconds / theirs.seconds);
    }
    std::printf("\n");
    previous = ours.seconds;
  }
  fs::remove_all(dir);
  return 0;
}
