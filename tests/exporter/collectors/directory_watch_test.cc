// DirectoryWatch: full walks run on its own thread, so a scrape (refresh)
// never waits for one; values it could not fully measure are never complete.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "exporter/collectors/directory_watch.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

using Clock = std::chrono::steady_clock;
const std::chrono::milliseconds kNoRescan(3600 * 1000);

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Refreshes until `done(view)` (bounded: 60 s, the test's own timeout); each refresh must answer at once.
template <typename Done>
DirectoryWatch::View refresh_until(DirectoryWatch& watch, Done done) {
  DirectoryWatch::View view;
  for (Clock::time_point start = Clock::now(); seconds_since(start) < 60;) {
    Clock::time_point begin = Clock::now();
    view = watch.refresh();
    CHECK(seconds_since(begin) < 0.5);
    if (done(view)) break;
    usleep(20000);
  }
  return view;
}

bool is_complete(const DirectoryWatch::View& view) { return view.complete; }

// `count` empty files spread over directories of 1,000.
void make_files(const std::string& root, int count) {
  for (int i = 0; i < count; ++i) {
    std::string dir = root + "/d" + std::to_string(i / 1000);
    if (i % 1000 == 0) mkdir(dir.c_str(), 0755);
    int fd = open((dir + "/f" + std::to_string(i)).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    close(fd);
  }
}

// Where to make 200,000 files: tmpfs when there is one (about 5 s), as creating them on this
// machine's ext4 disk took 50 s to 3.5 min under load, past the test's time limit.
std::string many_files_parent() { return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"; }

}  // namespace

TEST_CASE("with 200,000 files the first scrape answers at once, without values, and a later one has them all") {
  TempDir dir(many_files_parent());
  make_files(dir.path(), 200000);
  DirectoryWatch watch(dir.path(), "", "*", kNoRescan);
  Clock::time_point start = Clock::now();
  DirectoryWatch::View first = watch.refresh();
  CHECK(seconds_since(start) < 0.1);
  if (!first.complete) {  // the walk normally takes longer than this
    CHECK_FALSE(first.has_totals);
    CHECK(first.problem == "the first walk of the tree has not finished yet");
  }
  DirectoryWatch::View done = refresh_until(watch, is_complete);
  CHECK(done.complete);
  CHECK(done.totals.files == 200000);
  CHECK(done.age_seconds < 1);
  CHECK(watch.walks() == 1);
  run_command("rm -rf '" + dir.path() + "'/d*");
}

TEST_CASE("a tree deeper than 64 levels is reported incomplete, and complete once it is not") {
  TempDir dir;
  write_file(dir / "top", "abc");
  std::string deep = dir.path();
  for (int level = 0; level < 120; ++level) {
    deep += "/d";
    REQUIRE(mkdir(deep.c_str(), 0755) == 0);
  }
  write_file(deep + "/bottom", "12345");
  DirectoryWatch watch(dir.path(), "", "*", kNoRescan);
  DirectoryWatch::View view = refresh_until(watch, [&](const auto&) { return watch.walks() > 0; });
  view = watch.refresh();
  CHECK_FALSE(view.complete);
  CHECK(view.problem.find("is deeper than 64 levels; not counted") != std::string::npos);
  CHECK(view.totals.bytes == 3);  // what could be counted, never called complete

  run_command("rm -rf '" + dir / "d" + "'");
  view = refresh_until(watch, is_complete);
  CHECK(view.complete);
  CHECK(view.totals.bytes == 3);
  CHECK(view.problem.empty());
}

TEST_CASE("a subdirectory whose permission changes makes the values stale until a walk, events follow again after") {
  TempDir dir;
  mkdir((dir / "sub").c_str(), 0755);
  write_file(dir / "sub/a", std::string(10, 'x'));
  DirectoryWatch watch(dir.path(), "", "*", kNoRescan);
  DirectoryWatch::View view = refresh_until(watch, is_complete);
  CHECK(view.totals.bytes == 10);
  uint64_t walks = watch.walks();
  chmod((dir / "sub").c_str(), 0700);  // root still reads it; the event alone asks for a walk
  view = refresh_until(watch, [&](const auto& v) { return v.complete && watch.walks() > walks; });
  CHECK(view.complete);
  CHECK(view.totals.bytes == 10);
  write_file(dir / "sub/b", std::string(5, 'y'));
  CHECK(refresh_until(watch, [](const auto& v) { return v.totals.bytes == 15; }).totals.bytes == 15);
}

namespace {

// The nice value of this process's thread named `name` (from /proc), or nullopt.
std::optional<int> thread_nice(const std::string& name) {
  for (const std::filesystem::directory_entry& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string thread_name;
    std::getline(comm, thread_name);
    if (thread_name != name) continue;
    std::ifstream stat_file(task.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
    std::string field;
    for (int number = 3; fields >> field; ++number) {
      if (number == 19) return std::stoi(field);  // proc(5): field 19 is nice
    }
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("the walker runs at the lowest priority, and only it") {
  TempDir dir;
  write_file(dir / "a", "x");
  int own_nice = getpriority(PRIO_PROCESS, 0);
  DirectoryWatch watch(dir.path(), "", "", kNoRescan);
  DirectoryWatch::View view = refresh_until(watch, [](const DirectoryWatch::View& v) { return v.complete; });
  CHECK(view.totals.files == 1);
  std::optional<int> walker = thread_nice("exporter-walk");
  REQUIRE(walker);
  CHECK(*walker == 19);
  CHECK(getpriority(PRIO_PROCESS, 0) == own_nice);  // the calling thread keeps its priority
}
