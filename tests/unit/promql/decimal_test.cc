// Tests for generator/promql/decimal: exact thresholds.
#include "generator/promql/decimal.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("decimals keep the digits as written") {
  CHECK(Decimal::parse("0.95")->to_string() == "0.95");
  CHECK((*Decimal::parse("0.95") + Decimal::parse("0.95")->unit()).to_string() == "0.96");
  CHECK((*Decimal::parse("0.1") + *Decimal::parse("0.2")).to_string() == "0.3");
  CHECK(Decimal::parse("1e9")->to_string() == "1000000000");
  CHECK(Decimal::parse("2.5E-3")->to_string() == "0.0025");
  CHECK(Decimal::parse("-3")->to_string() == "-3");
  CHECK(Decimal::parse("100")->unit().to_string() == "1");
}

TEST_CASE("decimal arithmetic is exact") {
  Decimal a = *Decimal::parse("5"), b = *Decimal::parse("5.001");
  CHECK(((a + b).half()).to_string() == "5.0005");
  CHECK(a < b);
  CHECK(*Decimal::parse("1.50") == *Decimal::parse("1.5"));
  CHECK_FALSE(Decimal::parse("abc"));
  CHECK_FALSE(Decimal::parse("1.2.3"));
  CHECK_FALSE(Decimal::parse("0x10"));
}

TEST_CASE("only thresholds a float64 holds exactly, with their neighbours, parse") {
  CHECK(Decimal::parse("123456789012345"));    // 15 significant digits
  CHECK(Decimal::parse("0.000000000000001"));  // leading zeros are not significant
  CHECK(Decimal::parse("1e14"));
  CHECK(Decimal::parse("1e-20"));
  CHECK(Decimal::parse("0e99"));
  for (const char* inexact : {"1234567890123456", "1e30", "1e15", "0.95000000000000000001", "1e-21",
                              "99999999999999999999999999999999999999999", "1e99"}) {
    CAPTURE(inexact);
    CHECK_FALSE(Decimal::parse(inexact));
  }
}

TEST_CASE("arithmetic on the widest decimals does not overflow") {
  Decimal big = *Decimal::parse("999999999999999"), tiny = *Decimal::parse("1e-20");
  CHECK((big + tiny).to_string() == "999999999999999.00000000000000000001");
  CHECK(((big + tiny).half() > tiny));
  CHECK((big - tiny) < big);
}
