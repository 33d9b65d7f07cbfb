// Tests for generator/emit/previous_manifest: what an earlier compile's manifest says.
#include "generator/emit/previous_manifest.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;

namespace {
PreviousManifest read_text(const TempDir& dir, const std::string& text) {
  std::ofstream(dir.path() / kManifestName) << text;
  return read_previous_manifest(dir.path().string());
}
}  // namespace

TEST_CASE("a folder without a manifest, or with one that is not a JSON object, has no previous outputs") {
  TempDir dir("previous-manifest-none");
  PreviousManifest none = read_previous_manifest(dir.path().string());
  CHECK_FALSE(none.files.has_value());
  CHECK(none.listed_files().empty());
  CHECK(none.service.empty());
  for (const char* text : {"", "[1, 2]", "{\"files\": {", "not json"}) {
    PreviousManifest broken = read_text(dir, text);
    CHECK_FALSE(broken.files.has_value());
    CHECK(broken.service.empty());
    CHECK(broken.repository_services.empty());
  }
}

TEST_CASE("the listed files keep only paths inside the folder, and the alerts are read past") {
  TempDir dir("previous-manifest-files");
  PreviousManifest previous = read_text(dir, R"({"service": "shop", "alerts": [{"alert": "A", "node": "a"}],
    "files": {"prometheus/rules.yml": "h1", "../outside": "h2", "/etc/passwd": "h3", "": "h4", "docs/a.md": "h5"}})");
  CHECK(previous.service == "shop");
  REQUIRE(previous.files.has_value());
  CHECK(*previous.files == std::vector<std::string>{"docs/a.md", "prometheus/rules.yml"});  // in path order
  CHECK(read_text(dir, R"({"service": 7, "files": []})").service.empty());
  CHECK_FALSE(read_text(dir, R"({"service": 7, "files": []})").files.has_value());
}

TEST_CASE("a config repo's manifest names its services and the spec of each that has one") {
  TempDir dir("previous-manifest-repo");
  PreviousManifest previous = read_text(dir, R"({"services": [{"service": "shop", "spec": "shop.yaml"},
    {"service": "cart"}, {"spec": "orphan.yaml"}, 3, {"service": "pay", "spec": 1}], "files": {}})");
  CHECK(previous.repository_services == std::vector<std::string>{"shop", "cart", "pay"});
  CHECK(previous.repository_specs == std::map<std::string, std::string>{{"shop", "shop.yaml"}});
  CHECK(previous.service.empty());
}

TEST_CASE("a FIFO named manifest.json is no manifest, and reading it does not wait") {
  TempDir dir("previous-manifest-fifo");
  REQUIRE(::mkfifo((dir.path() / kManifestName).c_str(), 0644) == 0);
  PreviousManifest none = read_previous_manifest(dir.path().string());
  CHECK_FALSE(none.files.has_value());
  CHECK(none.service.empty());
}
