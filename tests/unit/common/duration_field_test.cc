// Tests for common/duration_field: one reader and one message for every
// positive duration a spec, merge file or host section holds.
#include "common/duration_field.h"

#include <doctest/doctest.h>

using namespace symptree;

namespace {

// Reads `key` from a one-mapping document.
std::optional<Duration> read(const std::string& yaml, const std::string& key, Diagnostics& d, bool required = false) {
  std::optional<YamlFile> file = parse_yaml_text("f.yaml", yaml, d);
  REQUIRE(file);
  MapReader map(*file, file->root, "x", {"wait", "other"}, d);
  return read_positive_duration(map, key, "30s or 5m", required);
}

}  // namespace

TEST_CASE("a positive duration is read with its canonical text") {
  Diagnostics d;
  std::optional<Duration> wait = read("wait: 90s\n", "wait", d);
  REQUIRE(wait);
  CHECK(wait->ms == 90000);
  CHECK(d.count() == 0);
}

TEST_CASE("an absent duration is nullopt, an error only when required") {
  Diagnostics d;
  CHECK_FALSE(read("other: 1m\n", "wait", d));
  CHECK(d.count() == 0);
  CHECK_FALSE(read("other: 1m\n", "wait", d, true));
  CHECK(d.count() == 1);
}

TEST_CASE("zero and malformed durations are errors at the value, naming the examples") {
  for (const char* text : {"0s", "5 minutes", "-1m"}) {
    CAPTURE(text);
    Diagnostics d;
    CHECK_FALSE(read(std::string("wait: ") + text + "\n", "wait", d));
    REQUIRE(d.count() == 1);
    CHECK(d.format() == std::string("f.yaml:1:7: error: 'wait' must be a positive duration such as 30s or 5m, got '") +
                            text + "'\n");
  }
}
