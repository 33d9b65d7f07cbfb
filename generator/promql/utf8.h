// UTF-8 decoding as Go does it: one rune at a time, an invalid byte read as
// U+FFFD of width 1 (PromQL's lexer and regex syntax both need it).
#pragma once

#include <string>

namespace symptree::promql {

constexpr long kRuneError = 0xFFFD;

struct Rune {
  long value;
  size_t width;
};

// The rune at `pos` (pos < text.size()).
Rune decode_rune(const std::string& text, size_t pos);
bool valid_utf8(const std::string& text);
void append_utf8(std::string& out, unsigned long rune);

}  // namespace symptree::promql
