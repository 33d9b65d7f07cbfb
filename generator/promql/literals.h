// PromQL literal values with Prometheus's rules: numbers (decimal, hex, octal,
// Inf, NaN; out-of-range refused), durations (1h30m; units in order, > 0) and
// quoted strings (", ' with Go escapes, raw `...`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace symptree::promql {

// The value of a number token, or an error message (Go's strconv wording).
struct NumberValue {
  double value = 0;
  std::string error;
};
NumberValue number_value(const std::string& text);

// Milliseconds of a duration token, or an error message.
struct DurationValue {
  int64_t ms = 0;
  std::string error;
};
DurationValue duration_value(const std::string& text);

// The value of a string token (quotes included); the scanner has validated it.
std::string unquote(const std::string& token);

// Canonical duration text of milliseconds ("1h30m", "500ms").
std::string duration_text(int64_t ms);

}  // namespace symptree::promql
