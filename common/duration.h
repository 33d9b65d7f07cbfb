// Prometheus-style durations ("90s", "1h30m", "15m"), kept with the text as written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace symptree {

// A duration in milliseconds with the text it was written as.
struct Duration {
  int64_t ms = 0;
  std::string text;  // canonical Prometheus form, e.g. "1h30m"

  bool operator==(const Duration& other) const { return ms == other.ms; }
};

// Parses the Prometheus duration syntax: one or more <number><unit> with units
// y, w, d, h, m, s, ms in that order. Returns nullopt when invalid.
std::optional<Duration> parse_duration(const std::string& text);

// The canonical Prometheus text for a number of milliseconds ("0s" for zero).
std::string format_duration(int64_t ms);

Duration duration_from_ms(int64_t ms);

}  // namespace symptree
