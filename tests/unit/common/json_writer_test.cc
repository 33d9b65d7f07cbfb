// Tests for common/json_writer: its text is byte for byte what nlohmann::json's
// dump(2) gives for the same document, escapes and empty containers included.
#include "common/json_writer.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace symptree;

namespace {

// Text that needs care: control characters (NUL too),
// quotes, backslashes, DEL, and multi-byte UTF-8.
std::vector<std::string> tricky_strings() {
  std::vector<std::string> strings = {"", "plain", "say \"hi\"", "back\\slash", "tab\there", "new\nline",
                                      "cr\rlf\n", "bell\a", "nul\0x", "\b\f", "del\x7f", "caf\xc3\xa9 \xe2\x9c\x93",
                                      "\xf0\x9f\x94\xa5 emoji", "</script>", "a/b"};
  strings[8] = std::string("nul\0x", 5);
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  strings.push_back(controls);
  return strings;
}

}  // namespace

TEST_CASE("strings are escaped as nlohmann::json escapes them") {
  for (const std::string& value : tricky_strings()) {
    std::string ours;
    append_json_string(ours, value);
    CHECK(ours == nlohmann::json(value).dump());
  }
}

TEST_CASE("a nested document is laid out as dump(2) lays it out") {
  nlohmann::ordered_json expected;
  std::string text;
  JsonWriter json(text);
  json.begin_object();
  json.field("name", "svc");
  expected["name"] = "svc";
  json.field("count", int64_t{-42});
  expected["count"] = -42;
  json.key("empty_object");
  json.begin_object();
  json.end_object();
  expected["empty_object"] = nlohmann::ordered_json::object();
  json.key("empty_array");
  json.begin_array();
  json.end_array();
  expected["empty_array"] = nlohmann::ordered_json::array();
  json.key("items");
  json.begin_array();
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const std::string& value : tricky_strings()) {
    json.begin_object();
    json.field(value, value);
    json.key("nested");
    json.begin_array();
    json.number(1);
    json.string(value);
    json.begin_array();
    json.end_array();
    json.end_array();
    json.end_object();
    nlohmann::ordered_json item;
    item[value] = value;
    item["nested"] = nlohmann::ordered_json::array({1, value, nlohmann::ordered_json::array()});
    items.push_back(item);
  }
  json.end_array();
  expected["items"] = items;
  json.end_object();
  CHECK(text == expected.dump(2));
}

TEST_CASE("a top-level array or scalar has no leading line break") {
  std::string text;
  JsonWriter array(text);
  array.begin_array();
  array.number(3);
  array.end_array();
  CHECK(text == nlohmann::json::array({3}).dump(2));
  std::string scalar;
  JsonWriter(scalar).string("x");
  CHECK(scalar == "\"x\"");
}
