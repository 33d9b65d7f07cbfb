// Tests for common/process: a real command's output and exit code, a missing
// program, a deadline that kills a command that would hang, the signals a
// command starts with.
#include "common/process.h"

#include <doctest/doctest.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;

TEST_CASE("output and exit code of a command that ends") {
  ProcessResult ok = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"}, 10);
  CHECK(ok.exit_code == 3);
  CHECK_FALSE(ok.timed_out);
  CHECK(ok.output.find("out\n") != std::string::npos);
  CHECK(ok.output.find("err\n") != std::string::npos);  // stderr is captured too
  ProcessResult input = run_process({"cat"}, 10);        // stdin is /dev/null: cat ends at once
  CHECK(input.exit_code == 0);
  CHECK(input.output == "");
}

TEST_CASE("a program that does not exist cannot be started") {
  ProcessResult missing = run_process({"symptree-no-such-program"}, 10);
  CHECK(missing.exit_code != 0);
  CHECK_FALSE(missing.timed_out);
  CHECK_FALSE(find_in_path("symptree-no-such-program"));
  std::optional<std::string> sh = find_in_path("sh");
  REQUIRE(sh);
  CHECK(sh->front() == '/');
  CHECK(sh->size() > 3);
  CHECK(sh->compare(sh->size() - 3, 3, "/sh") == 0);
}

TEST_CASE("a command past its deadline is killed and says so") {
  auto start = std::chrono::steady_clock::now();
  ProcessResult slow = run_process({"sleep", "30"}, 1);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(slow.timed_out);
  CHECK(slow.exit_code == -1);
  CHECK(took < std::chrono::seconds(20));
}

TEST_CASE("a command starts with the termination signals this thread blocks unblocked") {
  // A compile blocks SIGINT and SIGTERM for its signal thread; promtool must
  // still die of them (Ctrl-C, `timeout`) like any command run from a shell.
  sigset_t term, before;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &term, &before);
  ProcessResult result = run_process({"sh", "-c", "kill -TERM $$; echo survived"}, 10);
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  CHECK(result.output.find("survived") == std::string::npos);
  CHECK(result.exit_code == -1);  // killed
  CHECK_FALSE(result.timed_out);
}

TEST_CASE("a folder or a file that is not executable is not a program") {
  TempDir dir("process-not-executable");
  const std::string file = (dir.path() / "promtool").string();
  std::ofstream(file) << "#!/bin/sh\n";
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  CHECK_FALSE(find_in_path(file));
  CHECK_FALSE(find_in_path(dir.path().string()));
  std::filesystem::permissions(file, std::filesystem::perms::owner_all);
  CHECK(find_in_path(file) == file);
}
