// Tests for emit/output_interrupt: after an interrupt the staging folders are
// gone and nothing more is replaced. An interrupt is for good, so each case
// runs in a child process of its own and reports what it saw in its exit code.
#include "generator/emit/output_interrupt.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

#include "generator/emit/output_set.h"
#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Runs `body` in a child process; the bits it returns are the failed checks
// (0: all held). What the parent sees: the child's exit code.
int in_child(const std::function<int()>& body) {
  pid_t child = fork();
  if (child == 0) _exit(body());
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

}  // namespace

TEST_CASE("an interrupt removes the staging folder, and a compile's write after it replaces nothing") {
  TempDir parent("output-interrupt");
  const fs::path out = parent.path() / "out";
  fs::create_directories(out);
  std::ofstream(out / "keep.txt") << "mine\n";
  int failed = in_child([&] {
    OutputSet outputs;
    if (!outputs.stage_beside(out.string())) return 1;
    outputs.add("prometheus/rules/a.yml", "groups: []\n");
    int bits = 0;
    interrupt_outputs();  // (what it returns depends on the earlier tests this child inherits)
    for (const auto& entry : fs::directory_iterator(parent.path())) {
      if (entry.path().filename().string().rfind(".out.staging-", 0) == 0) bits |= 4;
    }
    outputs.add("docs/flowchart.md", "# late\n");  // a thread still rendering: held in memory, not staged
    if (outputs.write(out.string()).find("interrupted") == std::string::npos) bits |= 8;
    if (!ReplacingOutputs().interrupted()) bits |= 16;
    return bits;
  });
  CHECK(failed == 0);
  auto entries = std::distance(fs::recursive_directory_iterator(parent.path()), fs::recursive_directory_iterator());
  CHECK(entries == 2);  // out/ and out/keep.txt: no staging folder, nothing written
}

TEST_CASE("an interrupt after the outputs were replaced says so") {
  TempDir parent("output-interrupt-after");
  const fs::path out = parent.path() / "out";
  int failed = in_child([&] {
    OutputSet outputs;
    outputs.add("a.txt", "a\n");
    if (!outputs.write(out.string()).empty()) return 1;
    return interrupt_outputs() ? 0 : 2;
  });
  CHECK(failed == 0);
  CHECK(fs::exists(out / "a.txt"));
}
