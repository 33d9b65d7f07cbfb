// Prometheus duration parsing and formatting.
#include "common/duration.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace symptree {
namespace {

struct Unit {
  const char* suffix;
  int64_t ms;
};

// Largest first; a duration must use them in this order, each at most once.
const std::vector<Unit>& units() {
  static const std::vector<Unit> all = {
      {"y", 365LL * 24 * 3600 * 1000}, {"w", 7LL * 24 * 3600 * 1000}, {"d", 24LL * 3600 * 1000},
      {"h", 3600LL * 1000},            {"m", 60LL * 1000},            {"s", 1000},
      {"ms", 1}};
  return all;
}

// Reads the unit at text[pos]; "ms" must win over "m".
int match_unit(const std::string& text, size_t pos, size_t& length) {
  if (text.compare(pos, 2, "ms") == 0) {
    length = 2;
    return 6;
  }
  for (int i = 0; i < 6; ++i) {
    if (text[pos] == units()[i].suffix[0]) {
      length = 1;
      return i;
    }
  }
  return -1;
}

}  // namespace

std::optional<Duration> parse_duration(const std::string& text, std::string* problem) {
  if (text.empty()) return std::nullopt;
  if (text == "0") return Duration{0, "0s"};
  // Sums saturate one past the limit: the syntax is checked to the end, and
  // a long number never overflows.
  constexpr int64_t kSaturated = kMaxDurationMs + 1;
  int64_t total = 0;
  int last_unit = -1;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[pos]))) return std::nullopt;
    int64_t number = 0;
    for (; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
      number = std::min(kSaturated, number * 10 + (text[pos] - '0'));
    }
    if (pos >= text.size()) return std::nullopt;
    size_t length = 0;
    int unit = match_unit(text, pos, length);
    if (unit < 0 || unit <= last_unit) return std::nullopt;
    last_unit = unit;
    pos += length;
    int64_t unit_ms = units()[unit].ms;
    total = number > (kSaturated - total) / unit_ms ? kSaturated : total + number * unit_ms;
  }
  if (total > kMaxDurationMs) {
    if (problem) {
      *problem = "'" + text + "' is longer than the longest duration Prometheus accepts, " +
                 format_duration(kMaxDurationMs);
    }
    return std::nullopt;
  }
  return Duration{total, format_duration(total)};
}

std::string format_duration(int64_t ms) {
  if (ms == 0) return "0s";
  std::string out;
  // Prometheus prints y, w, d, h, m, s, ms; skip zero parts.
  for (const Unit& unit : units()) {
    int64_t count = ms / unit.ms;
    if (count == 0) continue;
    out += std::to_string(count) + unit.suffix;
    ms -= count * unit.ms;
  }
  return out;
}

Duration duration_from_ms(int64_t ms) { return Duration{ms, format_duration(ms)}; }

}  // namespace symptree
