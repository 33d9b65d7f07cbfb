// The series notation's grammar, item by item (space-separated):
//   _            _xN
//   v            vxN         a+bxN   a-bxN
// where v is `stale`, a decimal number with an optional sign and exponent, or
// Inf / NaN (any case, optional sign; these take no repetition: promtool reads
// `Infx2` as one identifier), a is a signed or unsigned decimal, b an unsigned
// decimal, and N unsigned digits. Hexadecimal numbers do not exist here: `0x30`
// is zero repeated 30 times.
#include "generator/model/series_values.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace symptree {
namespace {

constexpr int64_t kSaturated = int64_t{1} << 40;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':';
}

// The end of the unsigned decimal at `at` ("12", "1.5", ".5", "5.", "1e3", "2.5E-3"), or `at` when none.
size_t scan_decimal(const std::string& item, size_t at) {
  size_t i = at;
  size_t digits = 0;
  while (i < item.size() && is_digit(item[i])) ++i, ++digits;
  if (i < item.size() && item[i] == '.') {
    ++i;
    while (i < item.size() && is_digit(item[i])) ++i, ++digits;
  }
  if (digits == 0) return at;
  if (i < item.size() && (item[i] == 'e' || item[i] == 'E')) {
    size_t exponent = i + 1;
    if (exponent < item.size() && (item[exponent] == '+' || item[exponent] == '-')) ++exponent;
    size_t end = exponent;
    while (end < item.size() && is_digit(item[end])) ++end;
    if (end == exponent) return std::string::npos;  // "1e": promtool cannot parse it
    i = end;
  }
  return i;
}

// The repetition count of "xN" at `at` (saturated), or nullopt when `at` is not "x" and digits to the end.
std::optional<int64_t> repetition(const std::string& item, size_t at) {
  if (at >= item.size() || item[at] != 'x' || at + 1 == item.size()) return std::nullopt;
  int64_t times = 0;
  for (size_t i = at + 1; i < item.size(); ++i) {
    if (!is_digit(item[i])) return std::nullopt;
    times = std::min(kSaturated, times * 10 + (item[i] - '0'));
  }
  return times;
}

// The steps one space-free item covers, or nullopt with `why` set.
std::optional<int64_t> item_steps(const std::string& item, std::string& why) {
  if (item == "_") return 1;
  if (item.compare(0, 1, "_") == 0) {
    if (std::optional<int64_t> times = repetition(item, 1)) return times;
    why = "'" + item + "' is not a value: a blank is `_` or `_xN`";
    return std::nullopt;
  }
  size_t i = (item[0] == '+' || item[0] == '-') ? 1 : 0;
  if (i < item.size() && std::isalpha(static_cast<unsigned char>(item[i]))) {
    size_t end = i;
    while (end < item.size() && is_identifier_char(item[end])) ++end;
    std::string word = item.substr(i, end - i);
    std::string lower = word;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    bool special = lower == "inf" || lower == "nan" || (word == "stale" && i == 0);
    if (end == item.size() && special) return 1;
    why = "'" + item + "' is not a value: expected a number, Inf, NaN or stale (these three without repetition)";
    return std::nullopt;
  }
  size_t end = scan_decimal(item, i);
  if (end == i || end == std::string::npos) {
    why = "'" + item + "' is not a value: expected a number such as 1, -2.5 or 1e3";
    return std::nullopt;
  }
  if (end == item.size()) return 1;
  if (std::optional<int64_t> times = repetition(item, end)) return std::min(kSaturated, *times + 1);
  if (item[end] == '+' || item[end] == '-') {
    size_t step_end = scan_decimal(item, end + 1);
    if (step_end != end + 1 && step_end != std::string::npos) {
      if (std::optional<int64_t> times = repetition(item, step_end)) return std::min(kSaturated, *times + 1);
    }
  }
  why = "'" + item + "' is not a value: after a number comes nothing, xN or +bxN / -bxN (b a number, N a count)";
  return std::nullopt;
}

}  // namespace

std::optional<int64_t> count_series_steps(const std::string& values, SeriesValuesError* error) {
  int64_t steps = 0;
  size_t i = 0;
  while (i < values.size()) {
    if (values[i] == ' ') {
      ++i;
      continue;
    }
    size_t end = values.find(' ', i);
    if (end == std::string::npos) end = values.size();
    std::string why;
    std::optional<int64_t> item = item_steps(values.substr(i, end - i), why);
    if (!item) {
      if (error) *error = {i, why};
      return std::nullopt;
    }
    steps = std::min(kSaturated, steps + *item);
    i = end;
  }
  return steps;
}

}  // namespace symptree
