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
