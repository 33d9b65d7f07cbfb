// Positions in YAML text as yaml-cpp gives them, from libyaml's. libyaml counts
// characters (a UTF-8 sequence is one, CR LF two); yaml-cpp counts bytes, lines
// at '\n', from after a byte order mark. Every error names a position, and the
// tests expect yaml-cpp's.
#pragma once

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace symptree {

class YamlMarks {
 public:
  // `text`: the whole file, byte order mark included.
  explicit YamlMarks(std::string_view text);

  // The byte offset (after the byte order mark) of libyaml's character index.
  // Fast when asked in increasing order, as a parse does.
  size_t byte_of(size_t character_index);
  // yaml-cpp's mark of a byte offset. At the end of the text yaml-cpp's column is 0.
  // Fast when asked in increasing order.
  YAML::Mark at_byte(size_t offset);
  // Where the next token starts after `offset`: past spaces, tabs, line breaks
  // and comments. yaml-cpp marks an empty value there.
  size_t next_token(size_t offset) const;
  // The `?` before an explicit key that starts at `key_offset`, when there is one.
  std::optional<size_t> explicit_key_indicator(size_t key_offset) const;
  // The first line break that only libyaml reads as one (yaml-cpp reads it as
  // text): a CR without LF after it, NEL, LS or PS. nullopt when there is none.
  std::optional<size_t> disputed_line_break() const { return disputed_line_break_; }
  // The text after the byte order mark, which the offsets count in.
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;            // after the byte order mark
  std::vector<size_t> line_starts_;  // byte offset of each line
  bool ascii_ = true;                // then a character index is a byte offset
  std::optional<size_t> disputed_line_break_;
  size_t cursor_character_ = 0;      // byte_of's last answer, to walk on from
  size_t cursor_byte_ = 0;
  size_t cursor_line_ = 0;           // at_byte's last answer
};

}  // namespace symptree
