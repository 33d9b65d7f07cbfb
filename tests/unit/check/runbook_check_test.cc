// Tests for check/runbook_check: with runbooks.dir set, each linked runbook
// file exists and has the linked section (a GitHub heading slug); without it,
// nothing is checked.
#include "generator/check/runbook_check.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "spec_fixture.h"
#include "temp_dir.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("runbook files and sections are checked when runbooks.dir is set") {
  namespace fs = std::filesystem;
  TempDir temp("runbooks");
  const fs::path& dir = temp.path();
  fs::create_directories(dir / "books" / "runbooks");
  std::ofstream(dir / "books/runbooks/api-down.md") << "# API down\n## Port Taken\n```\n# not a heading\n```\n";
  std::ofstream(dir / "books/runbooks/disk.md") << "# Disk\n## Nearly full\n";
  std::string text = replace(small_spec(), "runbooks: {base_url: \"https://runbooks.example.com/shop\"}",
                             "runbooks: {base_url: \"https://runbooks.example.com/shop\", dir: books}");
  CheckOptions options;
  options.spec_dir = dir.string();
  options.use_promtool = false;
  std::string out = checked(text, [&](const Model& m, Diagnostics& d) { check_runbooks(m, options.spec_dir, d); });
  CHECK(out.find("runbook 'runbooks/api-down.md' has no section '#restart'") != std::string::npos);
  CHECK(out.find("runbook 'runbooks/queue.md' does not exist") != std::string::npos);
  CHECK(out.find("no section '#port-taken'") == std::string::npos);
  CHECK(out.find("no section '#nearly-full'") == std::string::npos);
}

TEST_CASE("without runbooks.dir no runbook is looked for") {
  CHECK(checked(small_spec(), [](const Model& m, Diagnostics& d) { check_runbooks(m, "/nonexistent", d); }) == "");
}
