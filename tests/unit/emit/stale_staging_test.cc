// Tests for emit/stale_staging: real folders named with a real dead pid, a
// live one (this process, pid 1) and other names, with real modification times.
#include "generator/emit/stale_staging.h"

#include <doctest/doctest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;
namespace fs = std::filesystem;

extern char** environ;

namespace {

// The pid of a process that has ended and been reaped: no process has it
// (until the system hands it out again, far later).
pid_t dead_pid() {
  pid_t pid = 0;
  char* argv[] = {const_cast<char*>("true"), nullptr};
  REQUIRE(posix_spawnp(&pid, "true", nullptr, nullptr, argv, environ) == 0);
  int status = 0;
  waitpid(pid, &status, 0);
  return pid;
}

// A staging folder as a compile leaves it: a file in a subfolder.
fs::path staging_folder(const fs::path& parent, const std::string& name) {
  fs::create_directories(parent / name / "prometheus/rules");
  std::ofstream(parent / name / "prometheus/rules/a.yml") << "groups: []\n";
  return parent / name;
}

// Every entry of `folder`, and itself, last changed `age` ago.
void make_old(const fs::path& folder, std::chrono::hours age) {
  fs::file_time_type then = fs::file_time_type::clock::now() - age;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) fs::last_write_time(entry.path(), then);
  fs::last_write_time(folder, then);
}

std::string staging_name(pid_t pid, const std::string& out = "out") {
  return "." + out + ".staging-" + std::to_string(pid) + "-0";
}

}  // namespace

TEST_CASE("a staging folder whose compile is gone is stale, one of a live process is not") {
  TempDir parent("stale-staging");
  const std::string out = (parent.path() / "out").string();
  fs::path dead = staging_folder(parent.path(), staging_name(dead_pid()));
  fs::path mine = staging_folder(parent.path(), staging_name(::getpid()));
  fs::path init = staging_folder(parent.path(), staging_name(1));
  fs::path other_out = staging_folder(parent.path(), staging_name(dead_pid(), "other"));
  fs::path not_staging = staging_folder(parent.path(), ".out.staging-x");
  CHECK(stale_staging_dirs(out) == std::vector<std::string>{dead.string()});
  CHECK(remove_stale_staging_dirs(out) == std::vector<std::string>{dead.string()});
  CHECK_FALSE(fs::exists(dead));
  for (const fs::path& kept : {mine, init, other_out, not_staging}) {
    CAPTURE(kept);
    CHECK(fs::exists(kept / "prometheus/rules/a.yml"));
  }
}

TEST_CASE("a live pid's staging folder untouched for a day has outlived any compile: the pid was reused") {
  TempDir parent("stale-staging-reused");
  const std::string out = (parent.path() / "out/").string();  // the trailing slash names the same folder
  fs::path init = staging_folder(parent.path(), staging_name(1));
  make_old(init, std::chrono::hours(2));
  CHECK(stale_staging_dirs(out).empty());
  make_old(init, std::chrono::hours(25));
  std::ofstream(init / "prometheus/rules/b.yml") << "groups: []\n";  // still written to: a compile runs
  CHECK(stale_staging_dirs(out).empty());
  make_old(init, std::chrono::hours(25));
  CHECK(stale_staging_dirs(out) == std::vector<std::string>{init.string()});
  fs::path mine = staging_folder(parent.path(), staging_name(::getpid()));
  make_old(mine, std::chrono::hours(25));  // this process's own: never
  CHECK(remove_stale_staging_dirs(out) == std::vector<std::string>{init.string()});
  CHECK(fs::exists(mine));
}

TEST_CASE("a link named like a stale staging folder is left alone, and what it points to") {
  TempDir parent("stale-staging-link");
  fs::path target = staging_folder(parent.path(), "target");
  fs::create_directory_symlink(target, parent.path() / staging_name(dead_pid()));
  CHECK(stale_staging_dirs((parent.path() / "out").string()).empty());
  CHECK(fs::exists(target / "prometheus/rules/a.yml"));
}
