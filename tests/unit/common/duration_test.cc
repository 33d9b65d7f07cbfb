// Tests for common/duration: the Prometheus duration syntax.
#include "common/duration.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("durations parse to milliseconds and print canonically") {
  CHECK(parse_duration("90s")->ms == 90000);
  CHECK(parse_duration("90s")->text == "1m30s");
  CHECK(parse_duration("1h30m")->ms == 5400000);
  CHECK(parse_duration("250ms")->ms == 250);
  CHECK(parse_duration("1d")->text == "1d");
  CHECK(parse_duration("0")->ms == 0);
  CHECK(format_duration(15 * 60000) == "15m");
}

TEST_CASE("malformed durations are rejected") {
  for (const char* bad : {"", "5", "m5", "5x", "1m1h", "1h1h", "-1m", "1.5h", "5 m"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration(bad));
  }
}
