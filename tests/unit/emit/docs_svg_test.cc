// Tests for the SVG's place in the output set: stamped with its DOT's hash,
// tolerated without Graphviz while it matches that DOT, removed or reported
// when it does not.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/process.h"
#include "generator/emit/docs_outputs.h"
#include "generator/emit/docs_svg.h"
#include "temp_dir.h"

using namespace symptree;
namespace fs = std::filesystem;

using symptree::testing::TempDir;

namespace {
void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}
}  // namespace

TEST_CASE("an SVG rendered elsewhere is current while it carries its DOT's hash") {
  TempDir dir("svg");
  const std::string dot = "digraph { a -> b; }\n";
  OutputSet set;
  set.add(kFlowchartDotPath, dot);
  set.expect_rendered(kFlowchartSvgPath, svg_source_marker(dot));
  set.owned_with(kFlowchartSvgPath, kFlowchartDotPath);
  fs::path svg = dir.path() / kFlowchartSvgPath;
  write(dir.path() / kManifestName, "{\"files\": {\"docs/flowchart.dot\": \"h\"}}");  // the compile that wrote the SVG

  write(svg, "<?xml version=\"1.0\"?>\n" + svg_source_marker(dot) + "\n<svg/>\n");
  REQUIRE(set.write(dir.path().string()) == "");
  CHECK(fs::exists(svg));
  CHECK(set.differences(dir.path().string()).empty());

  write(svg, "<?xml version=\"1.0\"?>\n" + svg_source_marker("digraph { old; }") + "\n<svg/>\n");
  std::vector<std::string> differ = set.differences(dir.path().string());
  REQUIRE(differ.size() == 1);
  CHECK(differ[0] == "docs/flowchart.svg (rendered from another source)");
  REQUIRE(set.write(dir.path().string()) == "");
  CHECK_FALSE(fs::exists(svg));
  CHECK(set.differences(dir.path().string()).empty());  // absent is fine when it cannot be rendered here
}

TEST_CASE("dot renders the same stamped SVG twice") {
  if (!find_in_path("dot")) {
    MESSAGE("Graphviz is not installed; skipped");
    return;
  }
  const std::string dot = "digraph { a [URL=\"https://x.example/a#b\"]; a -> b; }\n";
  std::string error;
  std::optional<std::string> first = render_svg(dot, "dot", error), second = render_svg(dot, "dot", error);
  REQUIRE_MESSAGE(first, error);
  CHECK(first == second);
  CHECK(first->find("<?xml") == 0);
  CHECK(first->find(svg_source_marker(dot)) != std::string::npos);
  CHECK(first->find("https://x.example/a#b") != std::string::npos);
}
