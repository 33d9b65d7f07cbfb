// Tests for common/yaml_marks: libyaml's character positions as yaml-cpp's
// byte positions.
#include "common/yaml_marks.h"

#include <doctest/doctest.h>

#include <string>

using namespace symptree;

namespace {

std::string text_of(const YAML::Mark& mark) {
  return std::to_string(mark.pos) + "@" + std::to_string(mark.line) + ":" + std::to_string(mark.column);
}

}  // namespace

TEST_CASE("a character index becomes a byte offset, multi-byte characters counted once") {
  YamlMarks marks("a: \xc3\xa9\xe6\x97\xa5 x\nb: \xf0\x9f\x98\x80\n");
  CHECK(marks.byte_of(3) == 3);
  CHECK(marks.byte_of(4) == 5);
  CHECK(marks.byte_of(6) == 9);
  CHECK(marks.byte_of(8) == 11);   // 'b'
  CHECK(marks.byte_of(4) == 5);    // looking back walks again
  CHECK(text_of(marks.at_byte(14)) == "14@1:3");
}

TEST_CASE("positions count from after a byte order mark") {
  YamlMarks marks("\xef\xbb\xbf" "a: 1\nb: 2\n");
  CHECK(marks.byte_of(5) == 5);
  CHECK(text_of(marks.at_byte(5)) == "5@1:0");
}

TEST_CASE("at the end of the text yaml-cpp's column is 0") {
  CHECK(text_of(YamlMarks("a: 1\nb:").at_byte(7)) == "7@1:0");
  CHECK(text_of(YamlMarks("a: 1\n").at_byte(5)) == "5@1:0");
}

TEST_CASE("the next token is past blanks, line breaks and comments") {
  YamlMarks marks("a: # note\n  \r\n# more\nb: 1\n");
  CHECK(marks.next_token(2) == 21);
  CHECK(marks.next_token(21) == 21);
}

TEST_CASE("the `?` of an explicit key is found before the key, across a comment") {
  YamlMarks marks("? a\n?  # note\n  - b\nc: 1\n");
  CHECK(marks.explicit_key_indicator(2) == 0u);
  CHECK(marks.explicit_key_indicator(16) == 4u);
  CHECK_FALSE(marks.explicit_key_indicator(20));
}

TEST_CASE("line breaks only libyaml reads as such are found") {
  CHECK_FALSE(YamlMarks("a: 1\r\nb: 2\r\n").disputed_line_break());
  CHECK(YamlMarks("a: 1\rb: 2\n").disputed_line_break() == 4u);
  CHECK(YamlMarks("a: x\xc2\x85y\n").disputed_line_break() == 4u);
  CHECK(YamlMarks("a: x\xe2\x80\xa9y\n").disputed_line_break() == 4u);
  CHECK_FALSE(YamlMarks("a: \xc2\xa0\xe2\x80\xa6\n").disputed_line_break());
}
