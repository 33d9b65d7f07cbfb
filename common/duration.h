// Prometheus-style durations ("90s", "1h30m", "15m"), kept with the text as written.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace symptree {

// A duration in milliseconds with the text it was written as.
struct Duration {
  int64_t ms = 0;
  std::string text;  // canonical Prometheus form, e.g. "1h30m"

  bool operator==(const Duration& other) const { return ms == other.ms; }
};

// Longest duration Prometheus accepts: its durations are int64 nanoseconds
// (about 292 years); longer ones are "out of range" to promtool.
constexpr int64_t kMaxDurationMs = std::numeric_limits<int64_t>::max() / 1000000;

// Parses the Prometheus duration syntax: one or more <number><unit> with units
// y, w, d, h, m, s, ms in that order. Returns nullopt when invalid or longer
// than kMaxDurationMs (`problem`, when given, then says which).
std::optional<Duration> parse_duration(const std::string& text, std::string* problem = nullptr);

// The canonical Prometheus text for a number of milliseconds ("0s" for zero).
std::string format_duration(int64_t ms);

Duration duration_from_ms(int64_t ms);

}  // namespace symptree
