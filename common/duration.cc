// Prometheus duration parsing and formatting.
#include "common/duration.h"

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

std::optional<Duration> parse_duration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text == "0") return Duration{0, "0s"};
  int64_t total = 0;
  int last_unit = -1;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[pos]))) return std::nullopt;
    int64_t number = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      number = number * 10 + (text[pos] - '0');
      if (number > 1000000000000LL) return std::nullopt;
      ++pos;
    }
    if (pos >= text.size()) return std::nullopt;
    size_t length = 0;
    int unit = match_unit(text, pos, length);
    if (unit < 0 || unit <= last_unit) return std::nullopt;
    last_unit = unit;
    total += number * units()[unit].ms;
    pos += length;
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
