// Exact decimal arithmetic on __int128 mantissas.
#include "generator/promql/decimal.h"

#include <algorithm>
#include <cctype>

namespace symptree {
namespace {

// A threshold is tested with values one unit in its last digit away, which
// promtool reads as float64: 15 significant digits always survive that round
// trip. With at most 15 digits and 20 places after the point, aligned
// mantissas stay below 10^37, far inside __int128.
constexpr int kMaxScale = 20;
constexpr int kMaxDigits = 15;

__int128 pow10(int n) {
  __int128 value = 1;
  for (int i = 0; i < n; ++i) value *= 10;
  return value;
}

}  // namespace

std::optional<Decimal> Decimal::parse(const std::string& text) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  __int128 mantissa = 0;
  int digits = 0, scale = 0;
  bool seen_digit = false, seen_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    seen_digit = true;
    if ((mantissa != 0 || c != '0') && ++digits > kMaxDigits) return std::nullopt;
    mantissa = mantissa * 10 + (c - '0');
    if (seen_point) ++scale;
  }
  if (!seen_digit) return std::nullopt;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool negative_exponent = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative_exponent = text[pos++] == '-';
    int exponent = 0;
    size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && exponent < 100) {
      exponent = exponent * 10 + (text[pos++] - '0');
    }
    if (pos == start) return std::nullopt;
    scale += negative_exponent ? exponent : -exponent;
  }
  if (pos != text.size()) return std::nullopt;
  if (scale < 0) {
    if (mantissa != 0 && digits - scale > kMaxDigits) return std::nullopt;
    if (mantissa != 0) mantissa *= pow10(-scale);
    scale = 0;
  }
  if (scale > kMaxScale) return std::nullopt;
  return Decimal(negative ? -mantissa : mantissa, scale);
}

Decimal Decimal::from_int(long long value) { return Decimal(value, 0); }

Decimal Decimal::normalized() const {
  Decimal d = *this;
  while (d.scale_ > 0 && d.mantissa_ % 10 == 0) {
    d.mantissa_ /= 10;
    --d.scale_;
  }
  return d;
}

std::string Decimal::to_string() const {
  Decimal d = normalized();
  bool negative = d.mantissa_ < 0;
  __int128 magnitude = negative ? -d.mantissa_ : d.mantissa_;
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude > 0);
  while (static_cast<int>(digits.size()) <= d.scale_) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (d.scale_ > 0) digits.insert(digits.size() - d.scale_, ".");
  return (negative ? "-" : "") + digits;
}

Decimal Decimal::unit() const { return Decimal(1, scale_); }

void Decimal::align(Decimal& a, Decimal& b) {
  while (a.scale_ < b.scale_) {
    a.mantissa_ *= 10;
    ++a.scale_;
  }
  while (b.scale_ < a.scale_) {
    b.mantissa_ *= 10;
    ++b.scale_;
  }
}

Decimal Decimal::operator+(const Decimal& other) const {
  Decimal a = *this, b = other;
  align(a, b);
  return Decimal(a.mantissa_ + b.mantissa_, a.scale_);
}

Decimal Decimal::operator-(const Decimal& other) const {
  Decimal a = *this, b = other;
  align(a, b);
  return Decimal(a.mantissa_ - b.mantissa_, a.scale_);
}

Decimal Decimal::half() const {
  Decimal d(mantissa_ * 10, scale_ + 1);
  return Decimal(d.mantissa_ / 2, d.scale_);
}

int Decimal::compare(const Decimal& other) const {
  Decimal a = *this, b = other;
  align(a, b);
  return a.mantissa_ < b.mantissa_ ? -1 : (a.mantissa_ > b.mantissa_ ? 1 : 0);
}

}  // namespace symptree
