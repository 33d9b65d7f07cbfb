// Exact decimal numbers for thresholds and derived test values, so that a
// threshold written as 0.95 is tested with 0.95 and 0.96, never 0.9500000001.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace symptree {

// mantissa * 10^-scale, exact.
class Decimal {
 public:
  Decimal() = default;
  // "12", "-0.95", "1e9", "2.5E-3"; nullopt unless float64 holds the value and
  // its neighbours one unit in the last digit exactly: at most kMaxDigits
  // significant digits (counting the zeros an exponent adds) and kMaxScale places.
  static std::optional<Decimal> parse(const std::string& text);
  static Decimal from_int(long long value);

  std::string to_string() const;  // shortest plain form: "0.96", "1000000000", "-3"
  // One unit in the last written digit: 0.01 for "0.95", 1 for "100".
  Decimal unit() const;

  Decimal operator+(const Decimal& other) const;
  Decimal operator-(const Decimal& other) const;
  Decimal half() const;  // exact: adds one digit of scale
  int compare(const Decimal& other) const;
  // The exact digits, mantissa and scale: equal values written differently
  // (0.95, 0.950) differ here, as their unit() does.
  std::pair<__int128, int> digits() const { return {mantissa_, scale_}; }
  bool operator<(const Decimal& o) const { return compare(o) < 0; }
  bool operator<=(const Decimal& o) const { return compare(o) <= 0; }
  bool operator>(const Decimal& o) const { return compare(o) > 0; }
  bool operator>=(const Decimal& o) const { return compare(o) >= 0; }
  bool operator==(const Decimal& o) const { return compare(o) == 0; }
  bool operator!=(const Decimal& o) const { return compare(o) != 0; }

 private:
  Decimal(__int128 mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}
  static void align(Decimal& a, Decimal& b);
  Decimal normalized() const;

  __int128 mantissa_ = 0;
  int scale_ = 0;
};

}  // namespace symptree
