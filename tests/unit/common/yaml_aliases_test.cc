// Tests for common/yaml_aliases: cycles and alias bombs are errors at the alias.
#include "common/yaml_aliases.h"

#include <doctest/doctest.h>

#include <string>

#include "common/yaml_reader.h"

using namespace symptree;

namespace {

std::string load_error(const std::string& text) {
  Diagnostics d;
  std::optional<YamlFile> file = parse_yaml_text("x.yaml", text, d);
  return file ? "" : d.format();
}

// Anchors ten wide per level: level n expands to about 10^n nodes.
std::string bomb(int levels) {
  std::string text = "l0: &l0 [a, b, c, d, e, f, g, h, i, j]\n";
  for (int level = 1; level <= levels; ++level) {
    std::string previous = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", " : "") + previous;
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("plain reuse of an anchor is fine") {
  CHECK(load_error("a: &x {b: 1}\nc: *x\nd: *x\n").empty());
  CHECK(load_error("a: &x [1, 2]\nb: [*x, *x]\n").empty());
  CHECK(load_error(bomb(2)).empty());
}

TEST_CASE("an alias inside its own anchor is a cycle, at the alias") {
  CHECK(load_error("a: &r\n  b: 1\n  loop: *r\n") ==
        "x.yaml:3:9: error: alias '*r' is inside the node of its anchor '&r': an alias cycle\n"
        "    hint: a node cannot contain itself; copy the part you need instead\n");
  CHECK(load_error("a: &outer [1, &inner [2, *outer]]\n").find("x.yaml:1:26: error: alias '*outer'") == 0);
}

TEST_CASE("aliases that multiply are stopped, naming the anchor") {
  std::string error = load_error(bomb(6));
  CHECK(error.find("error: alias '*l2' takes the file's aliases past 10000 expanded nodes") != std::string::npos);
}

TEST_CASE("a chain of anchors cannot nest deeper than the limit") {
  std::string text = "l0: &l0 [x]\n";
  for (int level = 1; level <= kMaxAliasDepth + 5; ++level) {
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [*l" + std::to_string(level - 1) + "]\n";
  }
  CHECK(load_error(text).find("levels deep") != std::string::npos);
}
