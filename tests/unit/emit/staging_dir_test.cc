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

TEST_CASE("a removed staging folder is never made again by a write still in flight") {
  TempDir parent("staging-dir-removed");
  std::shared_ptr<StagingDir> staging = StagingDir::beside((parent.path() / "out").string());
  REQUIRE(staging);
  REQUIRE(staging->write("prometheus/rules/a.yml", "a\n"));
  fs::path root = fs::path(staging->path("x")).parent_path();
  StagingDir::remove_all_live();  // what an interrupted compile's signal thread does
  CHECK_FALSE(fs::exists(root));
  CHECK_FALSE(staging->write("prometheus/rules/b.yml", "b\n"));
  CHECK_FALSE(staging->write("c.yml", "c\n"));
  CHECK_FALSE(fs::exists(root));
}

TEST_CASE("the pid in a staging folder's name") {
  CHECK(staging_dir_pid(".out.staging-1234-0", "out") == 1234);
  CHECK(staging_dir_pid(".out.staging-7-12", "out") == 7);
  CHECK(staging_dir_pid(".out.staging-1234-0", "other") == 0);
  CHECK(staging_dir_pid(".out.staging-0-0", "out") == 0);  // names no process (kill(0) is the process group)
  CHECK(staging_dir_pid(".out.staging-12a-0", "out") == 0);
  CHECK(staging_dir_pid(".out.staging-12", "out") == 0);
  CHECK(staging_dir_pid(".out.staging-12-", "out") == 0);
  CHECK(staging_dir_pid(".out.staging-1-2.staging-3-4", "out") == 0);
  CHECK(staging_dir_pid(".out.staging-99999999999-0", "out") == 0);
  CHECK(staging_dir_pid("out", "out") == 0);
}
