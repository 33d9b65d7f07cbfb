// UTF-8 decoding with Go's rules (shortest form only, no surrogates, <= U+10FFFF).
#include "generator/promql/utf8.h"

namespace symptree::promql {

Rune decode_rune(const std::string& text, size_t pos) {
  auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  unsigned b0 = byte(pos);
  if (b0 < 0x80) return {long(b0), 1};
  int need = b0 >= 0xF0 && b0 <= 0xF4 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC2 && b0 <= 0xDF ? 1 : -1;
  if (need < 0 || b0 > 0xF4) return {kRuneError, 1};
  unsigned long value = b0 & (0x3F >> need);
  for (int i = 1; i <= need; ++i) {
    unsigned b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return {kRuneError, 1};
    value = (value << 6) | (b & 0x3F);
  }
  bool overlong = (need == 2 && value < 0x800) || (need == 3 && value < 0x10000);
  bool bad = overlong || value > 0x10FFFF || (value >= 0xD800 && value < 0xE000);
  if (bad) return {kRuneError, 1};
  return {long(value), size_t(need + 1)};
}

bool valid_utf8(const std::string& text) {
  for (size_t pos = 0; pos < text.size();) {
    Rune r = decode_rune(text, pos);
    if (r.value == kRuneError && r.width == 1) return false;
    pos += r.width;
  }
  return true;
}

void append_utf8(std::string& out, unsigned long r) {
  if (r < 0x80) {
    out += char(r);
  } else if (r < 0x800) {
    out += char(0xC0 | (r >> 6));
    out += char(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += char(0xE0 | (r >> 12));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  } else {
    out += char(0xF0 | (r >> 18));
    out += char(0x80 | ((r >> 12) & 0x3F));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  }
}

}  // namespace symptree::promql
