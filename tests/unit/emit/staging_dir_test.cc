// Tests for emit/staging_dir: a hidden folder beside the output directory,
// removed with its content when its last owner lets it go.
#include "generator/emit/staging_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("a staging folder is made beside the output directory and removed with its files") {
  TempDir parent("staging-dir");
  std::string out = (parent.path() / "out").string();
  std::string root;
  {
    std::shared_ptr<StagingDir> staging = StagingDir::beside(out + "/");
    REQUIRE(staging);
    CHECK(staging->out_dir() == out + "/");
    REQUIRE(staging->write("prometheus/rules/a.yml", "groups: []\n"));
    fs::path file = staging->path("prometheus/rules/a.yml");
    CHECK(file.parent_path().parent_path().parent_path().parent_path() == parent.path());
    CHECK(file.parent_path().parent_path().parent_path().filename().string().rfind(".out.staging-", 0) == 0);
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    CHECK(line == "groups: []");
    root = file.parent_path().parent_path().parent_path().string();
    CHECK_FALSE(fs::exists(out));  // the output directory itself is not made
  }
  CHECK_FALSE(fs::exists(root));
}

TEST_CASE("no staging folder where there is no parent folder to hold it, or no name") {
  TempDir parent("staging-dir-none");
  CHECK_FALSE(StagingDir::beside((parent.path() / "missing/out").string()));
  CHECK_FALSE(StagingDir::beside("."));
  CHECK_FALSE(StagingDir::beside("/"));
}
