// Tests for common/quoting: the one YAML escape set (every control character
// and every YAML line break), the PromQL/DOT double_quote, and the plain-or-quoted choice.
#include "common/quoting.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

using namespace symptree;

namespace {

// Every character YAML must not see raw in a scalar: C0 controls, DEL, the C1
// controls (U+0080..U+009F, among them U+0085 NEXT LINE), U+2028 LINE
// SEPARATOR and U+2029 PARAGRAPH SEPARATOR, as UTF-8.
std::vector<std::string> unprintables() {
  std::vector<std::string> all;
  for (int c = 0; c < 0x20; ++c) all.push_back(std::string(1, static_cast<char>(c)));
  all.push_back("\x7f");
  for (int c = 0x80; c <= 0x9f; ++c) all.push_back(std::string("\xc2") + static_cast<char>(c));
  all.push_back("\xe2\x80\xa8");
  all.push_back("\xe2\x80\xa9");
  return all;
}

// True when `text` holds none of the characters above (printable UTF-8 aside).
bool all_printable(const std::string& text) {
  for (const std::string& bad : unprintables()) {
    if (text.find(bad) != std::string::npos) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a YAML double-quoted scalar escapes every control character and every YAML line break") {
  for (const std::string& bad : unprintables()) {
    std::string value = "before" + bad + "after";
    CAPTURE(value);
    std::string quoted = yaml_double_quote(value);
    CHECK(all_printable(quoted));
    CHECK(YAML::Load("key: " + quoted)["key"].as<std::string>() == value);
  }
}

TEST_CASE("the YAML escapes are the short ones YAML defines") {
  CHECK(yaml_double_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(yaml_double_quote("1\n2\t3") == "\"1\\n2\\t3\"");
  CHECK(yaml_double_quote("x\x01y\x7f") == "\"x\\x01y\\x7f\"");
  CHECK(yaml_double_quote("next\xc2\x85line") == "\"next\\x85line\"");
  CHECK(yaml_double_quote("line\xe2\x80\xa8sep") == "\"line\\Lsep\"");
  CHECK(yaml_double_quote("para\xe2\x80\xa9sep") == "\"para\\Psep\"");
  // Printable characters sharing a lead byte with the escaped ones pass through.
  CHECK(yaml_double_quote("\xc2\xa0 \xe2\x80\xa6 \xe2\x80\xaa") == "\"\xc2\xa0 \xe2\x80\xa6 \xe2\x80\xaa\"");
  // A sequence cut short at the end is left as it is, not read past.
  CHECK(yaml_double_quote("\xe2\x80") == "\"\xe2\x80\"");
}

TEST_CASE("a scalar with a control character or line break is never written plain") {
  for (const std::string& bad : unprintables()) {
    std::string value = "title" + bad + "x";
    CAPTURE(value);
    std::string scalar = yaml_inline_scalar(value);
    CHECK(scalar.front() == '"');
    CHECK(YAML::Load("key: " + scalar)["key"].as<std::string>() == value);
    CHECK(has_yaml_unprintable(value) == (bad != "\n"));
  }
  CHECK(yaml_inline_scalar("Disk full") == "Disk full");
  CHECK_FALSE(has_yaml_unprintable("multi\nline \xc2\xa0 \xe2\x80\xa6"));
}

TEST_CASE("double_quote escapes backslash, quote and newline for PromQL and DOT") {
  CHECK(double_quote("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(double_quote("") == "\"\"");
}

TEST_CASE("durations stay plain, numbers are quoted") {
  CHECK(yaml_inline_scalar("5m") == "5m");
  CHECK(yaml_inline_scalar("1h30m") == "1h30m");
  CHECK(yaml_inline_scalar("100") == "\"100\"");
  CHECK(yaml_inline_scalar("1:30") == "\"1:30\"");
}

TEST_CASE("words a YAML 1.1 reader takes for booleans or null are quoted in any case, longer words are not") {
  for (const char* word : {"true", "False", "NULL", "Yes", "no", "ON", "off", "y", "N", "~", ".inf", ".NaN"}) {
    CAPTURE(word);
    CHECK(yaml_inline_scalar(word).front() == '"');
    CHECK(YAML::Load(std::string("key: ") + yaml_inline_scalar(word))["key"].as<std::string>() == word);
  }
  for (const char* word : {"yess", "nope", "onward", "t", "truer", "nulls", "offset"}) {
    CAPTURE(word);
    CHECK(yaml_inline_scalar(word) == word);
  }
}

TEST_CASE("a colon before a space or at the end, and a hash after a space, keep a scalar from being plain") {
  CHECK(yaml_inline_scalar("a: b") == "\"a: b\"");
  CHECK(yaml_inline_scalar("ends:") == "\"ends:\"");
  CHECK(yaml_inline_scalar("a #b") == "\"a #b\"");
  CHECK(yaml_inline_scalar("host:port") == "host:port");
  CHECK(yaml_inline_scalar("a#b") == "a#b");
  CHECK(yaml_inline_scalar("1e5") == "\"1e5\"");
  CHECK(yaml_inline_scalar("1e5x") == "1e5x");
}

TEST_CASE("regex_literal matches the text itself inside a PromQL string, backslashes and quotes included") {
  CHECK(regex_literal("shop-api") == "shop-api");
  CHECK(regex_literal("a.b") == "a\\\\.b");             // the string holds a\\.b: the regex a\.b
  CHECK(regex_literal("a\\b") == "a\\\\\\\\b");         // the string holds a\\\\b: the regex a\\b
  CHECK(regex_literal("a\"b") == "a\\\"b");             // the string's quote escaped
  CHECK(regex_literal("(x|y)") == "\\\\(x\\\\|y\\\\)");
}

TEST_CASE("append_double_quoted appends the quoted text after what is there") {
  std::string out = "x=";
  append_double_quoted(out, "say \"hi\"\\\n");
  append_double_quoted(out, "caf\xc3\xa9");
  CHECK(out == "x=\"say \\\"hi\\\"\\\\\\n\"\"caf\xc3\xa9\"");
  CHECK(double_quote("") == "\"\"");
}
