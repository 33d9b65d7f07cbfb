// Tests for common/yaml_reader: positions, unknown keys, types.
#include "common/yaml_reader.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("syntax errors name the line and column") {
  Diagnostics d;
  CHECK_FALSE(parse_yaml_text("f.yaml", "a: [1, 2\nb: 3\n", d));
  REQUIRE(d.count() == 1);
  CHECK(d.errors()[0].where.line >= 1);
  CHECK(d.errors()[0].message.find("YAML syntax error") == 0);
}

TEST_CASE("text yaml-cpp read but libyaml refuses is an error in libyaml's words") {
  Diagnostics d;
  CHECK_FALSE(parse_yaml_text("f.yaml", "a: 1\n: x\n", d));  // a value without a key
  CHECK(d.format() == "f.yaml:2:1: error: YAML syntax error: did not find expected key\n"
                      "    hint: while parsing a block mapping at f.yaml:1:1\n");
}

TEST_CASE("an alias cycle before a quote never closed is reported first, as the checks always ran") {
  Diagnostics d;
  CHECK_FALSE(parse_yaml_text("f.yaml", "a: &r\n  b: *r\nc: 'open\n", d));
  REQUIRE(d.count() == 1);
  CHECK(d.errors()[0].message.find("an alias cycle") != std::string::npos);
}

TEST_CASE("a '?' inside a plain scalar in a flow collection is text (yaml-cpp 0.7 refused it)") {
  Diagnostics d;
  auto file = parse_yaml_text("f.yaml", "a: [x?y, {k: v?}]\n", d);
  REQUIRE(file);
  CHECK((*file->root["a"].begin()).Scalar() == "x?y");
}

TEST_CASE("nesting close to yaml-cpp's limit is read") {
  Diagnostics d;
  CHECK(parse_yaml_text("f.yaml", "a: " + std::string(450, '[') + std::string(450, ']') + "\n", d));
  CHECK(d.count() == 0);
}

TEST_CASE("deep nesting is an error, not a crash") {
  Diagnostics d;
  CHECK_FALSE(parse_yaml_text("f.yaml", "a: " + std::string(5000, '['), d));
  CHECK(d.format().find("nesting is too deep") != std::string::npos);
}

TEST_CASE("unknown and duplicate keys are reported at the key") {
  Diagnostics d;
  auto file = parse_yaml_text("f.yaml", "name: x\nprority: P1\nname: y\n", d);
  REQUIRE(file);
  MapReader map(*file, file->root, "a node", {"name", "priority"}, d);
  REQUIRE(d.count() == 2);
  CHECK(d.format() ==
        "f.yaml:2:1: error: unknown key 'prority' in a node\n    hint: did you mean 'priority'?\n"
        "f.yaml:3:1: error: duplicate key 'name' in a node\n"
        "    hint: each key may appear once; remove or merge the repeated one\n");
}

TEST_CASE("typed getters report wrong types at the value") {
  Diagnostics d;
  auto file = parse_yaml_text("f.yaml", "port: [1]\ncount: 7x\nlist: abc\nflag: yes\n", d);
  REQUIRE(file);
  MapReader map(*file, file->root, "x", {"port", "count", "list", "flag"}, d);
  CHECK_FALSE(map.string("port"));
  CHECK_FALSE(map.integer("count", 0, 10));
  CHECK_FALSE(map.sequence("list").IsDefined());
  CHECK_FALSE(map.boolean("flag"));
  REQUIRE(d.count() == 4);
  CHECK(d.errors()[0].where.to_string() == "f.yaml:1:7");
  CHECK(d.errors()[0].message == "'port' in x must be a string, got a list");
  CHECK(d.errors()[1].where.to_string() == "f.yaml:2:8");
}

TEST_CASE("positions inside one-line scalars are exact, quoted or not") {
  Diagnostics d;
  auto file = parse_yaml_text("f.yaml", "a: 'x > y'\nb: x > y\nc: |\n  x > y\n", d);
  REQUIRE(file);
  CHECK(file->position_in_scalar(file->root["a"], 4).to_string() == "f.yaml:1:9");
  CHECK(file->position_in_scalar(file->root["b"], 4).to_string() == "f.yaml:2:8");
  CHECK_FALSE(file->is_inline_scalar(file->root["c"]));
}

TEST_CASE("missing files are reported by name") {
  Diagnostics d;
  CHECK_FALSE(load_yaml_file("/nonexistent/spec.yaml", d));
  CHECK(d.format() == "/nonexistent/spec.yaml: error: cannot read file: No such file or directory\n");
}

// yaml-cpp's YAML::Load reads the first document and drops the rest; the fuzzer
// also found text after a flow mapping on which yaml-cpp's document loop never ends.
TEST_CASE("a second YAML document is an error where it starts, not silently dropped") {
  auto second = [](const std::string& text) {
    Diagnostics d;
    CHECK_FALSE(parse_yaml_text("f.yaml", text, d));
    REQUIRE(d.count() == 1);
    CHECK(d.errors()[0].message.find("a second document starts here") != std::string::npos);
    return std::to_string(d.errors()[0].where.line) + ":" + std::to_string(d.errors()[0].where.column);
  };
  CHECK(second("a: 1\n---\nb: 2\n") == "2:1");
  CHECK(second("a: 1\n...\nb: 2\n") == "3:1");
  CHECK(second("{a: 1} x\n") == "1:8");
  CHECK(second("[1, 2]\n  [3]\n") == "2:3");
  CHECK(second("{a: 1}\n  b: 2}\n") == "2:3");
  CHECK(second("\"x\" y\n") == "1:5");
  CHECK(second("  service: a\nnodes: 1\n") == "2:1");  // an indented root closes at the first column
  Diagnostics d;
  CHECK(parse_yaml_text("f.yaml", "---\na: 1\n", d));              // a start marker on the one document
  CHECK(parse_yaml_text("f.yaml", "a: 1\n...\n", d));              // an end marker with nothing after it
  CHECK(parse_yaml_text("f.yaml", "{a: 1}\n# done\n", d));         // a comment after a flow root
  CHECK(parse_yaml_text("f.yaml", "a: |\n  ---\n  x\n", d));       // a marker inside a block scalar
  CHECK(d.count() == 0);
}
