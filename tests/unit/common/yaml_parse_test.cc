// Tests for common/yaml_parse: the tree built from libyaml's events is the one
// yaml-cpp's YAML::Load gave, node for node (type, text, style, tag, mark,
// size), so every reader sees what it saw and every error keeps its position.
#include "common/yaml_parse.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace symptree;

namespace {

std::string mark_text(const YAML::Mark& mark) {
  return std::to_string(mark.pos) + "@" + std::to_string(mark.line) + ":" + std::to_string(mark.column);
}

std::string difference(const YAML::Node& expected, const YamlNode& actual, const std::string& path);

std::string children_difference(const YAML::Node& expected, const YamlNode& actual, const std::string& path) {
  auto item = actual.begin();
  int index = 0;
  for (auto want = expected.begin(); want != expected.end(); ++want, ++item, ++index) {
    YamlEntry got = *item;
    std::string at = path + "/" + std::to_string(index);
    std::string found =
        expected.IsMap() ? difference(want->first, got.first, at + "(key)") : difference(*want, got, at);
    if (found.empty() && expected.IsMap()) found = difference(want->second, got.second, at);
    if (!found.empty()) return found;
  }
  return "";
}

// The first difference between yaml-cpp's node and ours, "" when there is none.
std::string difference(const YAML::Node& expected, const YamlNode& actual, const std::string& path) {
  auto differ = [&](const std::string& what, const std::string& want, const std::string& got) {
    return path + ": " + what + " " + want + " (yaml-cpp) vs " + got;
  };
  if (expected.Type() != actual.Type()) {
    return differ("type", std::to_string(expected.Type()), std::to_string(actual.Type()));
  }
  if (mark_text(expected.Mark()) != mark_text(actual.Mark())) {
    return differ("mark", mark_text(expected.Mark()), mark_text(actual.Mark()));
  }
  if (expected.Scalar() != actual.Scalar()) return differ("scalar", expected.Scalar(), actual.Scalar());
  if (expected.Style() != actual.Style()) {
    return differ("style", std::to_string(expected.Style()), std::to_string(actual.Style()));
  }
  if (expected.Tag() != actual.Tag()) return differ("tag", expected.Tag(), actual.Tag());
  if (expected.size() != actual.size()) {
    return differ("size", std::to_string(expected.size()), std::to_string(actual.size()));
  }
  return children_difference(expected, actual, path);
}

// "" when both parsers read `text` as the same tree; else the first difference.
std::string compare_with_yaml_cpp(const std::string& text) {
  YamlParse parse = parse_yaml("f.yaml", text);
  if (parse.refusal) return "refused: " + parse.refusal->message;
  return difference(YAML::Load(text), parse.root, "");
}

}  // namespace

TEST_CASE("block mappings and lists are the nodes yaml-cpp gave, at its marks") {
  CHECK(compare_with_yaml_cpp("a: 1\nb:\n  c: x\n  d: [1, 2]\ne:\n- f\n- g: h\n  i: j\n") == "");
  CHECK(compare_with_yaml_cpp("- - a\n  - b\n- - c\n-\n  k: v\n") == "");
  CHECK(compare_with_yaml_cpp("  a: 1\n  b: 2\n") == "");  // an indented root
  CHECK(compare_with_yaml_cpp("a: 1\na: 2\n") == "");       // duplicate keys kept, in order
  CHECK(compare_with_yaml_cpp("[a, b]: c\n{x: 1}: d\n? e\n: f\n") == "");  // keys that are not plain
}

TEST_CASE("empty values are null, marked where yaml-cpp marks them: where the next token starts") {
  CHECK(compare_with_yaml_cpp("a:\nb:\n  c:\n  d:\ne:\n") == "");
  CHECK(compare_with_yaml_cpp("a: # comment\n# more\nb: 1\n") == "");
  CHECK(compare_with_yaml_cpp("a:\n  b:") == "");  // at the end: line of the end, column 0
  CHECK(compare_with_yaml_cpp("- \n- a\n-\n- b\n-") == "");
  CHECK(compare_with_yaml_cpp("{a: , b: 1, c}\n") == "");
  CHECK(compare_with_yaml_cpp("[a: , b]\n") == "");
  CHECK(compare_with_yaml_cpp("? a\n: 1\n? b\n?   # c\n  - d\n") == "");  // `? key` without a value: at the `?`
  CHECK(compare_with_yaml_cpp("a: &n\nb: 1\n") == "");                     // anchored: at the anchor
  CHECK(compare_with_yaml_cpp("---\n") == "");
  CHECK(compare_with_yaml_cpp("") == "");        // no document: null without a mark
  CHECK(compare_with_yaml_cpp("# only\n") == "");
}

TEST_CASE("null is a plain untagged ~, null, Null, NULL or nothing, and a string when quoted or tagged") {
  CHECK(compare_with_yaml_cpp("a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\n") == "");
  CHECK(compare_with_yaml_cpp("g: \"null\"\nh: 'null'\ni: !!str null\nj: ! ~\n") == "");
  YamlParse parse = parse_yaml("f.yaml", "a: null\nb: 'null'\n");
  CHECK(parse.root["a"].IsNull());
  CHECK(parse.root["b"].IsScalar());
  CHECK(parse.root["b"].Scalar() == "null");
}

TEST_CASE("scalars: plain, quoted, block, folded over lines, tagged") {
  CHECK(compare_with_yaml_cpp("a: 'it''s'\nb: \"esc\\n\\t\\u00e9\"\nc: \"multi\n  line\"\nd: plain\n  folded\n") == "");
  CHECK(compare_with_yaml_cpp("a: |\n  l1\n  l2\nb: >\n  f\n  t\nc: |-\n  x\nd: |+\n  y\n\ne: |2\n   z\n") == "");
  CHECK(compare_with_yaml_cpp("a: !!str 1\nb: !foo bar\nc: ! x\nd: !!int \"3\"\ne: !foo\nf: !!map {a: 1}\n") == "");
  CHECK(compare_with_yaml_cpp("a: b:c\nd: http://x/y?z#w\ne: b#c\nf: e # f\ng: -1\n") == "");
}

TEST_CASE("flow collections, nested and over several lines") {
  CHECK(compare_with_yaml_cpp("a: [1, 2, {b: c}]\nd: {e: f, g: [h]}\ni: []\nj: {}\n") == "");
  CHECK(compare_with_yaml_cpp("a: [1,\n  2,\n  3]\nb: {x: 1,\n  y: 2}\nc: {\n  d: 1\n}\n") == "");
  CHECK(compare_with_yaml_cpp("{\"a\": [1, 2.5, true, null], \"b\": {\"c\": \"d\"}}\n") == "");
  CHECK(compare_with_yaml_cpp("[a: 1, b]\n") == "");
}

TEST_CASE("an alias is its anchor's node") {
  CHECK(compare_with_yaml_cpp("a: &x {b: 1}\nc: *x\nd: &y\n  - 1\ne: *y\nf: &z val\ng: *z\n") == "");
  YamlParse parse = parse_yaml("f.yaml", "a: &x [1]\nb: *x\n");
  CHECK(parse.root["b"].IsSequence());
  CHECK(parse.root["b"].Mark().line == 0);
}

TEST_CASE("columns count bytes, lines '\\n', from after a byte order mark") {
  CHECK(compare_with_yaml_cpp("a: \xc3\xa9\xc3\xa9 x\nb: [\xc3\xa9, c]\nc:\n\"\xc3\xbc\": 1\n") == "");
  CHECK(compare_with_yaml_cpp("\xd0\xba: \xd0\xb7\nb: \xe6\x97\xa5\n  more\nc: \xf0\x9f\x98\x80 x\nd:\n") == "");
  CHECK(compare_with_yaml_cpp("\xef\xbb\xbf" "a: 1\nb:\n") == "");
  CHECK(compare_with_yaml_cpp("a: 1\r\nb:\r\n  c: x\r\n  d: |\r\n    l1\r\n    l2\r\ne: \"q\r\n  r\"\r\n") == "");
}

TEST_CASE("the project's specs parse as yaml-cpp parsed them") {
  std::string root = std::string(SYMPTREE_SOURCE_DIR);
  for (const std::string& folder : {root + "/flowchart-spec", root + "/flowchart-spec/examples"}) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() != ".yaml") continue;
      std::ostringstream text;
      text << std::ifstream(entry.path()).rdbuf();
      CAPTURE(entry.path());
      CHECK(compare_with_yaml_cpp(text.str()) == "");
    }
  }
}

TEST_CASE("what a spec file must not hold is refused where it is") {
  auto refusal = [](const std::string& text) {
    YamlParse parse = parse_yaml("f.yaml", text);
    return parse.refusal ? parse.refusal->where.to_string() + " " + parse.refusal->message : "";
  };
  CHECK(refusal("a: 1\n---\nb: 2\n") ==
        "f.yaml:2:1 YAML: a second document starts here; a spec file is one YAML document");
  CHECK(refusal("a: *nothing\n") == "f.yaml:1:4 YAML: alias '*nothing' of no anchor");
  CHECK(refusal("a: [1\nb: 2\n").find("YAML syntax error: ") != std::string::npos);
  CHECK(refusal("a: x\ry\n") == "f.yaml:1:5 YAML: a carriage return (CR) without a line feed after it: YAML readers "
                                 "disagree on whether it ends a line");
  CHECK(refusal("a: x\xe2\x80\xa8y\n").find("f.yaml:1:5 YAML: a line separator (U+2028)") == 0);
  CHECK(refusal("a: \xc3\xa9\xc2\x85\n").find("f.yaml:1:6 YAML: a next-line character (U+0085)") == 0);
}

TEST_CASE("libyaml's syntax errors name the problem, and the context where it started") {
  YamlParse parse = parse_yaml("f.yaml", "a: [\xc3\xa9, 'unclosed\nb: 1\n");
  REQUIRE(parse.refusal);
  CHECK(parse.refusal->message == "YAML syntax error: found unexpected end of stream");
  CHECK(parse.refusal->hint == "while scanning a quoted scalar at f.yaml:1:9");  // byte columns
  parse = parse_yaml("f.yaml", "a: 1\nb: \xc3\xa9\x01\n");
  REQUIRE(parse.refusal);
  CHECK(parse.refusal->where.to_string() == "f.yaml:2:6");
  CHECK(parse.refusal->message == "YAML syntax error: control characters are not allowed (U+0001)");
}

TEST_CASE("nesting near yaml-cpp's depth limit is left for yaml-cpp to judge") {
  CHECK_FALSE(parse_yaml("f.yaml", "a: " + std::string(100, '[') + std::string(100, ']') + "\n").deep);
  CHECK(parse_yaml("f.yaml", "a: " + std::string(450, '[') + std::string(450, ']') + "\n").deep);
}

TEST_CASE("nesting as deep as yaml-cpp refuses stops the parse there, with yaml-cpp's error") {
  YamlParse parse = parse_yaml("f.yaml", "a: " + std::string(1000000, '['));
  REQUIRE(parse.nesting_error);
  CHECK(parse.nesting_error->where.to_string() == "f.yaml:1:502");  // inside the 499th collection
  CHECK(parse.nesting_error->message == "YAML syntax error: nesting is too deep (more than 499 levels)");
  std::string block;
  for (int level = 0; level < 600; ++level) block += std::string(level, ' ') + "- \n";
  parse = parse_yaml("f.yaml", block);
  REQUIRE(parse.nesting_error);
  CHECK(parse.nesting_error->where.to_string() == "f.yaml:499:499");  // the 499th list itself
}

TEST_CASE("aliases readers cannot walk are found by the same parse") {
  YamlParse parse = parse_yaml("f.yaml", "a: &r\n  b: *r\n");
  REQUIRE(parse.alias_problem);
  CHECK(parse.alias_problem->where.to_string() == "f.yaml:2:6");
  CHECK_FALSE(parse.refusal);
}
