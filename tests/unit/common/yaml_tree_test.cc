// Tests for common/yaml_tree: the YamlNode handle reads like yaml-cpp's
// YAML::Node where the readers use it, and keeps its document alive.
#include "common/yaml_tree.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/yaml_parse.h"

using namespace symptree;

namespace {

YamlNode parse(const std::string& text) { return parse_yaml("f.yaml", text).root; }

}  // namespace

TEST_CASE("an undefined node is what looking up an absent key gives") {
  YamlNode root = parse("a: 1\nlist: [x]\ntext: y\n");
  CHECK_FALSE(root["missing"]);
  CHECK_FALSE(root["missing"].IsDefined());
  CHECK(root["missing"].Type() == YAML::NodeType::Undefined);
  CHECK(root["missing"].Mark().is_null());
  CHECK(root["missing"].Scalar().empty());
  CHECK(root["missing"].size() == 0);
  CHECK_FALSE(root["missing"]["deeper"]);  // not an exception, as yaml-cpp's would be
  CHECK_FALSE(root["list"]["x"]);          // a list has no keys
  CHECK_FALSE(root["text"]["y"]);          // nor has a scalar
  CHECK(root["missing"].begin() == root["missing"].end());
}

TEST_CASE("a null node is defined") {
  YamlNode root = parse("a:\n");
  CHECK(root["a"]);
  CHECK(root["a"].IsNull());
  CHECK(root["a"].Tag().empty());
}

TEST_CASE("a map lookup finds the first pair with that key, and iterating keeps every pair in order") {
  YamlNode root = parse("b: 1\na: 2\nb: 3\n");
  CHECK(root.size() == 3);
  CHECK(root["b"].Scalar() == "1");
  std::vector<std::string> pairs;
  for (const auto& entry : root) pairs.push_back(entry.first.Scalar() + "=" + entry.second.Scalar());
  CHECK(pairs == std::vector<std::string>{"b=1", "a=2", "b=3"});
}

TEST_CASE("iterating a list gives its items") {
  YamlNode list = parse("[a, {b: c}, [d]]\n");
  std::vector<YAML::NodeType::value> types;
  for (const YamlNode& item : list) types.push_back(item.Type());
  CHECK(types == std::vector<YAML::NodeType::value>{YAML::NodeType::Scalar, YAML::NodeType::Map,
                                                    YAML::NodeType::Sequence});
  CHECK(list.Style() == YAML::EmitterStyle::Flow);
}

TEST_CASE("the tag tells quoted from plain scalars, as yaml-cpp's") {
  YamlNode root = parse("plain: x\nquoted: 'x'\nblock: |\n  x\ntagged: !t x\nmap: {}\n");
  CHECK(root["plain"].Tag() == "?");
  CHECK(root["quoted"].Tag() == "!");
  CHECK(root["block"].Tag() == "!");
  CHECK(root["tagged"].Tag() == "!t");
  CHECK(root["map"].Tag() == "?");
}

TEST_CASE("a node outlives the parse that made it") {
  YamlNode value;
  {
    YamlNode root = parse("a:\n  b: kept\n");
    value = root["a"];
  }
  CHECK(value["b"].Scalar() == "kept");
}
