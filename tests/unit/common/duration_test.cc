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

TEST_CASE("durations are range-checked against the longest Prometheus accepts") {
  CHECK(parse_duration("292y")->ms == 292LL * 365 * 24 * 3600 * 1000);
  std::string problem;
  CHECK_FALSE(parse_duration("293y", &problem));
  CHECK(problem.find("longer than the longest duration Prometheus accepts") != std::string::npos);
  for (const char* huge : {"999999999999d", "10000000000w", "99999999999999999999999999s", "292y999999999999d"}) {
    CAPTURE(huge);
    problem.clear();
    CHECK_FALSE(parse_duration(huge, &problem));  // no signed overflow (UBSan build)
    CHECK_FALSE(problem.empty());
  }
  problem.clear();
  CHECK_FALSE(parse_duration("999999999999dx", &problem));  // malformed beats too long
  CHECK(problem.empty());
  CHECK(parse_duration(format_duration(kMaxDurationMs))->ms == kMaxDurationMs);
}
