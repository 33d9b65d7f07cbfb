// Tests for common/termination_signals: a real signal sent to a real process
// (a child of the test, which the signal ends) runs the cleanup on the
// signal thread, then exits 128 + the signal.
#include "common/termination_signals.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Forks a child that installs the cleanup (writing `marker` with the signal's
// number) and sends itself `signals` in turn, each to the whole process (as
// kill and Ctrl-C do), then works on; returns how it ended (0 when no signal
// ended it). `ignored` is ignored from its start, as nohup ignores SIGHUP.
int end_of_child_sent(std::vector<int> signals, const fs::path& marker, int ignored = 0) {
  pid_t child = fork();
  if (child == 0) {
    for (int signal : signals) ::signal(signal, SIG_DFL);  // as a shell starts a foreground command
    if (ignored) ::signal(ignored, SIG_IGN);
    exit_on_termination_signals([marker](int received) { std::ofstream(marker) << received; });
    for (int signal : signals) ::kill(::getpid(), signal);
    std::this_thread::sleep_for(std::chrono::seconds(10));  // its work, which the signal ends long before
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return status;
}

// The signal the cleanup was given, from its marker file; 0 when it did not run.
int cleaned_for(const fs::path& marker) {
  std::ifstream in(marker);
  int received = 0;
  in >> received;
  return received;
}

}  // namespace

TEST_CASE("SIGTERM and SIGINT run the cleanup, then exit 143 and 130") {
  TempDir dir("termination-signals");
  for (std::pair<int, int> sent : {std::pair{SIGTERM, 143}, std::pair{SIGINT, 130}}) {
    const int signal = sent.first, code = sent.second;
    CAPTURE(signal);
    fs::path marker = dir.path() / ("cleaned-" + std::to_string(signal));
    int status = end_of_child_sent({signal}, marker);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == code);
    CHECK(cleaned_for(marker) == signal);
  }
}

TEST_CASE("a signal ignored from the start (nohup's SIGHUP) stays ignored") {
  TempDir dir("termination-signals-ignored");
  fs::path marker = dir.path() / "cleaned";
  int status = end_of_child_sent({SIGHUP, SIGTERM}, marker, SIGHUP);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 143);
  CHECK(cleaned_for(marker) == SIGTERM);
}

TEST_CASE("signal names") {
  CHECK(signal_name(SIGINT) == "SIGINT");
  CHECK(signal_name(SIGTERM) == "SIGTERM");
  CHECK(signal_name(SIGHUP) == "SIGHUP");
  CHECK(signal_name(SIGUSR1) == "signal " + std::to_string(SIGUSR1));
}
