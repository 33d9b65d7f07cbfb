// Tests for common/utf8: well-formed UTF-8 after RFC 3629.
#include "common/utf8.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("valid UTF-8 passes, the first bad byte is found") {
  CHECK_FALSE(invalid_utf8_offset("plain ascii"));
  CHECK_FALSE(invalid_utf8_offset("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80 \xe2\x80\xa8"));
  CHECK(invalid_utf8_offset("ab\xff") == 2u);
  CHECK(invalid_utf8_offset("a\xc3") == 1u);             // truncated
  CHECK(invalid_utf8_offset("a\xc0\xaf") == 1u);         // overlong '/'
  CHECK(invalid_utf8_offset("\xe0\x80\xaf") == 0u);      // overlong, three bytes
  CHECK(invalid_utf8_offset("x\xed\xa0\x80") == 1u);     // a surrogate
  CHECK(invalid_utf8_offset("\xf4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(invalid_utf8_offset("\xe2\x28\xa1") == 0u);      // bad continuation
}

TEST_CASE("a lead byte whose character is cut short is told apart from a stray byte") {
  CHECK(starts_utf8_sequence(0xC3));  // "\xc3r": an é missing its second byte
  CHECK(starts_utf8_sequence(0xE2));
  CHECK(starts_utf8_sequence(0xF4));
  CHECK_FALSE(starts_utf8_sequence(0xC0));  // only ever overlong
  CHECK_FALSE(starts_utf8_sequence(0x80));  // a continuation byte
  CHECK_FALSE(starts_utf8_sequence(0xFF));
}
