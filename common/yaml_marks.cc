// Converting libyaml's character positions into yaml-cpp's byte positions.
#include "common/yaml_marks.h"

#include <algorithm>

namespace symptree {

namespace {

// A line break for YAML 1.1 (libyaml) but not for YAML 1.2 (yaml-cpp) at `at`.
bool is_disputed_line_break(std::string_view text, size_t at) {
  std::string_view rest = text.substr(at);
  if (rest[0] == '\r') return rest.size() == 1 || rest[1] != '\n';
  return rest.substr(0, 2) == "\xC2\x85" || rest.substr(0, 3) == "\xE2\x80\xA8" || rest.substr(0, 3) == "\xE2\x80\xA9";
}

}  // namespace

YamlMarks::YamlMarks(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c >= 0x20 && c < 0x80) continue;  // most bytes: nothing to note
    if (c == '\n') line_starts_.push_back(i + 1);
    if (c >= 0x80) ascii_ = false;
    if ((c == '\r' || c == 0xC2 || c == 0xE2) && !disputed_line_break_ && is_disputed_line_break(text_, i)) {
      disputed_line_break_ = i;
    }
  }
}

size_t YamlMarks::byte_of(size_t character_index) {
  if (ascii_) return std::min(character_index, text_.size());
  if (character_index < cursor_character_) {  // only an error's context looks back: walk again from the start
    cursor_character_ = 0;
    cursor_byte_ = 0;
  }
  auto continuation = [&](size_t at) { return (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80; };
  while (cursor_character_ < character_index && cursor_byte_ < text_.size()) {
    ++cursor_byte_;
    while (cursor_byte_ < text_.size() && continuation(cursor_byte_)) ++cursor_byte_;
    ++cursor_character_;
  }
  return cursor_byte_;
}

YAML::Mark YamlMarks::at_byte(size_t offset) {
  offset = std::min(offset, text_.size());
  // A parse asks in increasing order: look on from the line of the last answer.
  size_t& line = cursor_line_;
  if (line_starts_[line] > offset) {
    line = static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                               line_starts_.begin()) - 1;
  }
  while (line + 1 < line_starts_.size() && line_starts_[line + 1] <= offset) ++line;
  YAML::Mark mark;
  mark.pos = static_cast<int>(offset);
  mark.line = static_cast<int>(line);
  // yaml-cpp ends the stream with a forced line break: column 0 at the end.
  mark.column = offset == text_.size() ? 0 : static_cast<int>(offset - line_starts_[line]);
  return mark;
}

size_t YamlMarks::next_token(size_t offset) const {
  while (offset < text_.size()) {
    char c = text_[offset];
    if (c == ' ' || c == '\t' || c == '\n' || (c == '\r' && offset + 1 < text_.size() && text_[offset + 1] == '\n')) {
      ++offset;
    } else if (c == '#') {
      size_t end_of_line = text_.find('\n', offset);
      offset = end_of_line == std::string_view::npos ? text_.size() : end_of_line;
    } else {
      break;
    }
  }
  return offset;
}

std::optional<size_t> YamlMarks::explicit_key_indicator(size_t key_offset) const {
  size_t at = std::min(key_offset, text_.size());
  while (true) {
    while (at > 0 && (text_[at - 1] == ' ' || text_[at - 1] == '\t')) --at;
    if (at > 0 && text_[at - 1] == '?') return at - 1;
    if (at == 0 || text_[at - 1] != '\n') return std::nullopt;
    // On to the end of the line before, without its comment.
    --at;
    if (at > 0 && text_[at - 1] == '\r') --at;
    size_t line_start = at == 0 ? 0 : text_.rfind('\n', at - 1) + 1;  // npos + 1 is 0
    for (size_t i = line_start; i < at; ++i) {
      if (text_[i] == '#' && (i == line_start || text_[i - 1] == ' ' || text_[i - 1] == '\t')) {
        at = i;
        break;
      }
    }
  }
}

}  // namespace symptree
