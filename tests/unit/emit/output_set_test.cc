// Tests for generator/emit/output_set: atomic writes and staleness.
#include "generator/emit/output_set.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;
namespace fs = std::filesystem;

namespace {
// What writing `set` into `dir` would refuse to replace, by dir's own manifest.
std::vector<std::string> unowned_in(const OutputSet& set, const fs::path& dir) {
  return set.unowned_files(dir.string(), read_previous_manifest(dir.string()));
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
OutputSet outputs(const std::string& rules, bool with_extra) {
  OutputSet set;
  set.add("prometheus/rules.yml", rules);
  if (with_extra) set.add("extra/file.txt", "x");
  std::string manifest = "{\"files\": {\"prometheus/rules.yml\": \"h\"" +
                         std::string(with_extra ? ", \"extra/file.txt\": \"h\"" : "") + "}}";
  set.add(kManifestName, manifest);
  return set;
}
}  // namespace

TEST_CASE("write creates directories and leaves no temporary files") {
  TempDir dir("out");
  CHECK(outputs("a", true).write(dir.path().string()) == "");
  CHECK(read(dir.path() / "prometheus/rules.yml") == "a");
  CHECK(read(dir.path() / "extra/file.txt") == "x");
  size_t files = 0;
  for (auto& entry : fs::recursive_directory_iterator(dir.path())) files += entry.is_regular_file();
  CHECK(files == 3);
}

TEST_CASE("differences lists changed, missing and no longer generated files") {
  TempDir dir("out");
  REQUIRE(outputs("a", true).write(dir.path().string()) == "");
  CHECK(outputs("a", true).differences(dir.path().string()).empty());
  std::vector<std::string> differ = outputs("b", false).differences(dir.path().string());
  CHECK(differ == std::vector<std::string>{"manifest.json (differs)", "prometheus/rules.yml (differs)",
                                           "extra/file.txt (no longer generated)"});
  fs::remove(dir.path() / "prometheus/rules.yml");
  CHECK(outputs("a", true).differences(dir.path().string()) == std::vector<std::string>{"prometheus/rules.yml (missing)"});
}

TEST_CASE("a file the previous compile wrote and this one does not is removed") {
  TempDir dir("out");
  REQUIRE(outputs("a", true).write(dir.path().string()) == "");
  std::ofstream(dir.path() / "mine.txt") << "not ours";
  REQUIRE(outputs("a", false).write(dir.path().string()) == "");
  CHECK_FALSE(fs::exists(dir.path() / "extra/file.txt"));
  CHECK(fs::exists(dir.path() / "mine.txt"));  // never listed in a manifest: left alone
}

TEST_CASE("an unwritable output directory is an error naming the path") {
  OutputSet set;
  set.add("a.txt", "x");
  std::string error = set.write("/proc/symptree-cannot-write");
  CHECK(error.find("/proc/symptree-cannot-write") != std::string::npos);
}

TEST_CASE("sha256 matches a known vector") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a file whose content is unchanged is not rewritten, and a changed one is") {
  TempDir dir("outputs-unchanged");
  OutputSet set = outputs("groups: []\n", true);
  REQUIRE(set.write(dir.path().string()).empty());
  fs::path rules = dir.path() / "prometheus/rules.yml", extra = dir.path() / "extra/file.txt";
  // Mark both files as old; only the changed one gets a new modification time.
  fs::file_time_type old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(rules, old);
  fs::last_write_time(extra, old);
  old = fs::last_write_time(extra);  // as the file system stores it (its clock may be coarser)
  OutputSet changed = outputs("groups: [changed]\n", true);
  REQUIRE(changed.write(dir.path().string()).empty());
  CHECK(fs::last_write_time(extra) == old);
  CHECK(fs::last_write_time(rules) != old);
  CHECK(read(rules) == "groups: [changed]\n");
}

TEST_CASE("merge places another set's files under a folder, and remove_under drops a folder's files") {
  OutputSet inner = outputs("r", true);
  inner.expect_rendered("docs/flowchart.svg", "marker");
  OutputSet tree;
  tree.merge(std::move(inner), "shop/");
  CHECK(tree.files().count("shop/prometheus/rules.yml"));
  CHECK(tree.files().count("shop/extra/file.txt"));
  tree.remove_under("shop/extra/");
  CHECK_FALSE(tree.files().count("shop/extra/file.txt"));
  CHECK(tree.files().count("shop/prometheus/rules.yml"));
  TempDir dir("outputs-merge");
  fs::create_directories(dir.path() / "shop/docs");
  std::ofstream(dir.path() / "shop/docs/flowchart.svg") << "<svg/>";  // without the marker: rendered from elsewhere
  bool reported = false;
  for (const std::string& path : tree.differences(dir.path().string())) {
    reported = reported || path == "shop/docs/flowchart.svg (rendered from another source)";
  }
  CHECK(reported);
}

TEST_CASE("a config repo's manifest names its services, and a single spec's does not") {
  TempDir dir("outputs-repo-manifest");
  std::ofstream(dir.path() / kManifestName) << R"({"services": [{"service": "shop"}, {"service": "cart"}], "files": {}})";
  CHECK(read_previous_manifest(dir.path().string()).repository_services == std::vector<std::string>{"shop", "cart"});
  CHECK(read_previous_manifest(dir.path().string()).service.empty());
  std::ofstream(dir.path() / kManifestName) << R"({"service": "shop", "files": {}})";
  CHECK(read_previous_manifest(dir.path().string()).repository_services.empty());
  CHECK(read_previous_manifest(dir.path().string()).service == "shop");
}

namespace {
// The hidden staging folders beside `out` (".<name>.staging-...").
size_t staging_folders_beside(const fs::path& out) {
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(out.parent_path())) {
    count += entry.path().filename().string().rfind("." + out.filename().string() + ".staging-", 0) == 0;
  }
  return count;
}
}  // namespace

TEST_CASE("a staged set writes the same files as one held in memory, and keeps no content") {
  TempDir parent("outputs-staged");
  fs::path staged_out = parent.path() / "staged", memory_out = parent.path() / "memory";
  OutputSet staged;
  REQUIRE(staged.stage_beside(staged_out.string()));
  CHECK(staging_folders_beside(staged_out) == 1);
  OutputSet memory = outputs("groups: []\n", true);
  for (const auto& [path, content] : memory.files()) staged.add(path, content);
  CHECK(staged.files().empty());  // on disk, beside the output directory
  CHECK_FALSE(fs::exists(staged_out));  // nothing in place before write()
  CHECK(staged.contains("extra/file.txt"));
  CHECK(staged.content("extra/file.txt") == "x");
  CHECK(staged.hashes() == memory.hashes());
  REQUIRE(staged.write(staged_out.string()).empty());
  REQUIRE(memory.write(memory_out.string()).empty());
  for (const auto& [path, content] : memory.files()) CHECK(read(staged_out / path) == content);
  CHECK(staged.differences(staged_out.string()).empty());
}

TEST_CASE("a staged set dropped without write() leaves the output directory and its parent as they were") {
  TempDir parent("outputs-staged-error");
  fs::path out = parent.path() / "out";
  REQUIRE(outputs("old\n", true).write(out.string()).empty());
  {
    OutputSet staged;
    REQUIRE(staged.stage_beside(out.string()));
    staged.add("prometheus/rules.yml", "new\n");
    OutputSet sibling = staged.sibling();  // as a second thread's files
    sibling.add("docs/new.md", "new\n");
    staged.merge(std::move(sibling));
    CHECK(staged.contains("docs/new.md"));
  }  // a spec error: the compile ends here
  CHECK(read(out / "prometheus/rules.yml") == "old\n");
  CHECK_FALSE(fs::exists(out / "docs"));
  CHECK(staging_folders_beside(out) == 0);
}

TEST_CASE("a staged file already in place is left untouched, and one changed during the compile stops the write") {
  TempDir parent("outputs-staged-in-place");
  fs::path out = parent.path() / "out";
  REQUIRE(outputs("same\n", true).write(out.string()).empty());
  fs::path rules = out / "prometheus/rules.yml";
  fs::file_time_type old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  fs::last_write_time(rules, old);
  old = fs::last_write_time(rules);
  OutputSet staged;
  REQUIRE(staged.stage_beside(out.string()));
  OutputSet memory = outputs("same\n", false);
  for (const auto& [path, content] : memory.files()) staged.add(path, content);
  REQUIRE(staged.write(out.string()).empty());
  CHECK(fs::last_write_time(rules) == old);
  CHECK_FALSE(fs::exists(out / "extra/file.txt"));  // listed by the old manifest, no longer generated

  OutputSet again;
  REQUIRE(again.stage_beside(out.string()));
  again.add("prometheus/rules.yml", "same\n");
  again.add("docs/new.md", "new\n");
  std::ofstream(rules) << "edited\n";  // between rendering and writing
  std::string error = again.write(out.string());
  CHECK(error.find("changed while symptree compiled") != std::string::npos);
  CHECK(error.find("nothing was replaced") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "docs/new.md"));
}

TEST_CASE("a set cannot stage beside a folder whose parent does not exist, and stays in memory") {
  TempDir parent("outputs-no-parent");
  OutputSet set;
  CHECK_FALSE(set.stage_beside((parent.path() / "missing/out").string()));
  set.add("a.txt", "x");
  CHECK(set.files().at("a.txt") == "x");
  REQUIRE(set.write((parent.path() / "missing/out").string()).empty());
  CHECK(read(parent.path() / "missing/out/a.txt") == "x");
}

namespace {
// Every file under `dir` with its content.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[entry.path().lexically_relative(dir).string()] = read(entry.path());
  }
  return files;
}
}  // namespace

TEST_CASE("a folder without a manifest holding a file the compile would replace is refused, writing nothing") {
  TempDir dir("outputs-unowned");
  fs::create_directories(dir.path() / "extra");
  std::ofstream(dir.path() / "extra/file.txt") << "written by hand\n";
  for (bool staged : {false, true}) {
    CAPTURE(staged);
    OutputSet set;
    if (staged) REQUIRE(set.stage_beside(dir.path().string()));
    const OutputSet fixed = outputs("a", true);
    for (const auto& [path, content] : fixed.files()) set.add(path, content);
    CHECK(unowned_in(set, dir.path()) == std::vector<std::string>{"extra/file.txt"});
    std::string error = set.write(dir.path().string());
    CHECK(error.find(dir.path().string() + " holds a file that symptree did not write (there is no manifest.json)") == 0);
    CHECK(error.find((dir.path() / "extra/file.txt").string()) != std::string::npos);
    CHECK(error.find("Choose an empty or new folder (-o), or move or remove that file (nothing was written)") !=
          std::string::npos);
    CHECK(tree(dir.path()) == std::map<std::string, std::string>{{"extra/file.txt", "written by hand\n"}});
  }
  std::ofstream(dir.path() / "extra/file.txt") << "x";  // what the compile would write: nothing is lost
  REQUIRE(outputs("a", true).write(dir.path().string()).empty());
  CHECK(read(dir.path() / "prometheus/rules.yml") == "a");
}

TEST_CASE("a file the previous manifest lists is replaced, one it does not list is refused") {
  TempDir dir("outputs-unowned-listed");
  REQUIRE(outputs("a", false).write(dir.path().string()).empty());
  REQUIRE(outputs("b", false).write(dir.path().string()).empty());  // listed: replaced
  CHECK(read(dir.path() / "prometheus/rules.yml") == "b");
  fs::create_directories(dir.path() / "extra");
  std::ofstream(dir.path() / "extra/file.txt") << "mine\n";
  std::string error = outputs("b", true).write(dir.path().string());
  CHECK(error.find("(its manifest.json does not list it)") != std::string::npos);
  CHECK(read(dir.path() / "extra/file.txt") == "mine\n");
  // A folder where the compile writes a file, or someone else's manifest.json, is refused too.
  TempDir other("outputs-unowned-other");
  fs::create_directories(other.path() / "prometheus/rules.yml");
  std::ofstream(other.path() / kManifestName) << "{\"name\": \"my-app\"}";
  CHECK(unowned_in(outputs("b", false), other.path()) ==
        std::vector<std::string>{"manifest.json", "prometheus/rules.yml"});
  CHECK_FALSE(outputs("b", false).write(other.path().string()).empty());
  CHECK(read(other.path() / kManifestName) == "{\"name\": \"my-app\"}");
}

TEST_CASE("a file the manifest leaves out but that goes with a listed one is symptree's") {
  TempDir dir("outputs-owned-with");
  auto with_svg = [](const std::string& svg) {
    OutputSet set;
    set.add("docs/flowchart.dot", "digraph {}\n");
    set.add(kManifestName, "{\"files\": {\"docs/flowchart.dot\": \"h\"}}");
    set.add("docs/flowchart.svg", svg);
    set.owned_with("docs/flowchart.svg", "docs/flowchart.dot");
    return set;
  };
  fs::create_directories(dir.path() / "docs");
  std::ofstream(dir.path() / "docs/flowchart.svg") << "<svg>mine</svg>";
  CHECK(unowned_in(with_svg("<svg/>"), dir.path()) == std::vector<std::string>{"docs/flowchart.svg"});
  fs::remove(dir.path() / "docs/flowchart.svg");
  REQUIRE(with_svg("<svg>1</svg>").write(dir.path().string()).empty());
  REQUIRE(with_svg("<svg>2</svg>").write(dir.path().string()).empty());  // the manifest lists the DOT beside it
  CHECK(read(dir.path() / "docs/flowchart.svg") == "<svg>2</svg>");
  OutputSet tree_set;  // in a config repo's tree, under the service's folder
  tree_set.merge(with_svg("<svg>3</svg>"), "shop/");
  tree_set.add(kManifestName, "{\"files\": {\"shop/docs/flowchart.dot\": \"h\"}}");
  TempDir repo("outputs-owned-with-tree");
  fs::create_directories(repo.path() / "shop/docs");
  std::ofstream(repo.path() / "shop/docs/flowchart.svg") << "<svg>old</svg>";
  std::ofstream(repo.path() / kManifestName) << "{\"files\": {\"shop/docs/flowchart.dot\": \"h\"}}";
  CHECK(unowned_in(tree_set, repo.path()).empty());
}

TEST_CASE("an SVG this compile cannot render, written by hand where no manifest is, is not removed") {
  TempDir dir("outputs-unowned-svg");
  fs::create_directories(dir.path() / "docs");
  std::ofstream(dir.path() / "docs/flowchart.svg") << "<svg>drawn by hand</svg>";
  OutputSet set;
  set.add("docs/flowchart.dot", "digraph {}\n");
  set.expect_rendered("docs/flowchart.svg", "<!-- marker -->");
  set.owned_with("docs/flowchart.svg", "docs/flowchart.dot");
  CHECK(unowned_in(set, dir.path()) == std::vector<std::string>{"docs/flowchart.svg"});
  CHECK_FALSE(set.write(dir.path().string()).empty());
  CHECK(read(dir.path() / "docs/flowchart.svg") == "<svg>drawn by hand</svg>");
}

TEST_CASE("a staged file gone from the staging folder stops the write before anything is replaced") {
  TempDir parent("outputs-staging-gone");
  fs::path out = parent.path() / "out";
  REQUIRE(outputs("old\n", true).write(out.string()).empty());
  OutputSet staged;
  REQUIRE(staged.stage_beside(out.string()));
  const OutputSet fixed = outputs("new\n", true);
  for (const auto& [path, content] : fixed.files()) staged.add(path, content);
  // The one file staged (the others are in place already), removed as another process would.
  for (const auto& entry : fs::directory_iterator(parent.path())) {
    if (entry.path().filename().string().rfind(".out.staging-", 0) == 0) fs::remove(entry.path() / "prometheus/rules.yml");
  }
  std::string error = staged.write(out.string());
  CHECK(error.find("was removed while symptree compiled; compile again (nothing was replaced)") != std::string::npos);
  CHECK(read(out / "prometheus/rules.yml") == "old\n");
}

TEST_CASE("a write removes the staging folders a dead compile left beside the output directory") {
  TempDir parent("outputs-stale-staging");
  fs::path out = parent.path() / "out";
  fs::path stale = parent.path() / ".out.staging-999999999-0";  // above any pid_max: no such process
  fs::create_directories(stale / "prometheus");
  std::ofstream(stale / "prometheus/rules.yml") << "partial";
  OutputSet staged;
  REQUIRE(staged.stage_beside(out.string()));
  const OutputSet fixed = outputs("a", false);
  for (const auto& [path, content] : fixed.files()) staged.add(path, content);
  CHECK(staging_folders_beside(out) == 2);
  REQUIRE(staged.write(out.string()).empty());
  CHECK_FALSE(fs::exists(stale));
  CHECK(staging_folders_beside(out) == 1);  // this compile's own, until the set lets it go
}

TEST_CASE("a FIFO where symptree wrote a file is replaced, not opened for reading and waited on") {
  TempDir dir("outputs-fifo");
  REQUIRE(outputs("a", false).write(dir.path().string()) == "");  // the manifest now lists the rules
  fs::path rules = dir.path() / "prometheus/rules.yml";
  fs::remove(rules);
  REQUIRE(::mkfifo(rules.c_str(), 0644) == 0);
  CHECK(outputs("b", false).write(dir.path().string()) == "");
  CHECK(fs::is_regular_file(rules));
  CHECK(read(rules) == "b");
}
