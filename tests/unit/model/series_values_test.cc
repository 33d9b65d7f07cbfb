// Tests for generator/model/series_values: the steps of promtool's series
// notation, and the strings promtool refuses (counts as promtool 2.42 reads them).
#include "generator/model/series_values.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("series_values: steps of each item") {
  CHECK(count_series_steps("1") == 1);
  CHECK(count_series_steps("1 2  3") == 3);
  CHECK(count_series_steps(" 1") == 1);
  CHECK(count_series_steps("0+60x20") == 21);
  CHECK(count_series_steps("1-2x3") == 4);
  CHECK(count_series_steps("-1+2x3") == 4);
  CHECK(count_series_steps("1x3") == 4);
  CHECK(count_series_steps("1e3x2") == 3);
  CHECK(count_series_steps("_x5") == 5);
  CHECK(count_series_steps("1 2 _ stale") == 4);
  CHECK(count_series_steps("+Inf NaN -inf .5 5.") == 5);
  CHECK(count_series_steps("") == 0);
}

TEST_CASE("series_values: 0x30 is zero repeated, not hexadecimal") {
  CHECK(count_series_steps("0x30") == 31);
  CHECK(count_series_steps("0x00003") == 4);
  CHECK(count_series_steps("0x0") == 1);
}

TEST_CASE("series_values: what promtool refuses, with the bad item's offset") {
  for (const char* bad : {"1+2", "1x", "0x", "1+-2x3", "Infx2", "nan x3", "stalex3", "Stale", "0X3", "1,2", "1x2.5",
                          "1e", "1_000", "0xff", "_1", "x3", "abc"}) {
    CAPTURE(bad);
    CHECK_FALSE(count_series_steps(bad).has_value());
  }
  SeriesValuesError error;
  CHECK_FALSE(count_series_steps("1 2 0xff 3", &error).has_value());
  CHECK(error.offset == 4);
  CHECK(error.message.find("'0xff'") != std::string::npos);
}

TEST_CASE("series_values: repetition counts saturate instead of overflowing") {
  std::optional<int64_t> steps = count_series_steps("1x99999999999999999999999999 1x99999999999999999999999999");
  REQUIRE(steps.has_value());
  CHECK(*steps > 1000000000);
}
