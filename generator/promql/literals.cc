// Number, duration and string literal values as Prometheus computes them
// (Go's strconv.ParseInt(s, 0, 64) then ParseFloat; prometheus/common's
// ParseDuration; strutil.Unquote).
#include "generator/promql/literals.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <vector>

#include "generator/promql/utf8.h"

namespace symptree::promql {

namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

// strconv.ParseInt(text, 0, 64) for what the scanner can produce.
std::optional<int64_t> go_parse_int(const std::string& text) {
  size_t i = 0;
  int base = 10;
  if (text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16, i = 2;
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8, i = 1;
  }
  if (i == text.size()) return std::nullopt;
  unsigned __int128 value = 0;
  for (; i < text.size(); ++i) {
    int d = digit_value(text[i]);
    if (d >= base) return std::nullopt;
    value = value * base + d;
    if (value > uint64_t(std::numeric_limits<int64_t>::max())) return std::nullopt;
  }
  return int64_t(value);
}

bool equals_lower(const std::string& text, const char* word) {
  size_t n = 0;
  for (; word[n]; ++n) {
    if (n >= text.size() || std::tolower(static_cast<unsigned char>(text[n])) != word[n]) return false;
  }
  return n == text.size();
}

// strconv.ParseFloat(text, 64) for what the scanner can produce.
NumberValue go_parse_float(const std::string& text) {
  if (equals_lower(text, "inf")) return {std::numeric_limits<double>::infinity(), ""};
  if (equals_lower(text, "nan")) return {std::numeric_limits<double>::quiet_NaN(), ""};
  std::string syntax = "strconv.ParseFloat: parsing \"" + text + "\": invalid syntax";
  size_t i = 0, mantissa_digits = 0;
  if (text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) return {0, syntax};
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++mantissa_digits;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++mantissa_digits;
  }
  if (mantissa_digits == 0) return {0, syntax};
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == exponent_start) return {0, syntax};
  }
  if (i != text.size()) return {0, syntax};
  double value = std::strtod(text.c_str(), nullptr);
  if (std::isinf(value)) return {0, "strconv.ParseFloat: parsing \"" + text + "\": value out of range"};
  return {value, ""};
}

}  // namespace

NumberValue number_value(const std::string& text) {
  if (auto integer = go_parse_int(text)) return {double(*integer), ""};
  NumberValue f = go_parse_float(text);
  if (!f.error.empty()) f.error = "error parsing number: " + f.error;
  return f;
}

DurationValue duration_value(const std::string& text) {
  if (text == "0") return {0, "duration must be greater than 0"};
  if (text.empty()) return {0, "empty duration string"};
  static const std::vector<std::pair<std::string, int64_t>> units = {
      {"y", 365LL * 24 * 3600 * 1000}, {"w", 7LL * 24 * 3600 * 1000}, {"d", 24LL * 3600 * 1000},
      {"h", 3600LL * 1000},            {"m", 60LL * 1000},            {"s", 1000},
      {"ms", 1}};
  std::string invalid = "not a valid duration string: \"" + text + "\"";
  size_t i = 0, next_unit = 0;
  int64_t total = 0;
  bool overflow = false;
  while (i < text.size()) {
    size_t digits_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == digits_start) return {0, invalid};
    std::string digits = text.substr(digits_start, i - digits_start);
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    size_t u = next_unit;
    while (u < units.size() && units[u].first != unit) ++u;
    if (u == units.size()) return {0, invalid};
    next_unit = u + 1;
    errno = 0;
    unsigned long long n = std::strtoull(digits.c_str(), nullptr, 10);
    // Like Go's time.Duration, the total must fit in int64 nanoseconds.
    const int64_t limit = std::numeric_limits<int64_t>::max() / units[u].second / 1000000;
    if (errno == ERANGE || n > uint64_t(limit)) {
      overflow = true;
      continue;
    }
    if (__builtin_add_overflow(total, int64_t(n) * units[u].second * 1000000, &total)) overflow = true;
  }
  if (overflow) return {0, "duration out of range"};
  if (total == 0) return {0, "duration must be greater than 0"};
  return {total / 1000000, ""};
}

std::string unquote(const std::string& token) {
  if (token.size() < 2) return "";
  std::string body = token.substr(1, token.size() - 2);
  if (token[0] == '`') return body;
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    char c = body[++i];
    const char* simple = "abfnrtv";
    const char* value = "\a\b\f\n\r\t\v";
    if (const char* p = std::strchr(simple, c)) {
      out += value[p - simple];
    } else if (c >= '0' && c <= '7') {
      out += char(std::strtoul(body.substr(i, 3).c_str(), nullptr, 8));
      i += 2;
    } else if (c == 'x') {
      out += char(std::strtoul(body.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else if (c == 'u' || c == 'U') {
      size_t n = c == 'u' ? 4 : 8;
      append_utf8(out, std::strtoul(body.substr(i + 1, n).c_str(), nullptr, 16));
      i += n;
    } else {
      out += c;  // \\, \" or \'
    }
  }
  return out;
}

std::string duration_text(int64_t ms) {
  if (ms == 0) return "0s";
  static const std::vector<std::pair<const char*, int64_t>> units = {
      {"y", 365LL * 24 * 3600 * 1000}, {"w", 7LL * 24 * 3600 * 1000}, {"d", 24LL * 3600 * 1000},
      {"h", 3600LL * 1000},            {"m", 60LL * 1000},            {"s", 1000},
      {"ms", 1}};
  std::string out = ms < 0 ? "-" : "";
  uint64_t rest = ms < 0 ? uint64_t(-(ms + 1)) + 1 : uint64_t(ms);
  for (const auto& [unit, size] : units) {
    if (rest >= uint64_t(size)) {
      out += std::to_string(rest / size) + unit;
      rest %= size;
    }
  }
  return out;
}

}  // namespace symptree::promql
