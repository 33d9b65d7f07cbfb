// Aligning a scalar's value with its source text. The value is the source
// minus quoting and indentation: each value byte is matched to the next source
// byte equal to it, skipping only what YAML removes (quotes, escape
// backslashes, indentation and line breaks, block headers). A line break that
// folding turned into a space matches that line break.
#include "generator/reader/scalar_positions.h"

namespace symptree {
namespace {

bool removable(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' || c == '"' || c == '\\'; }

// Where the value's first byte can start: after the opening quote, or on the
// line after a block scalar's header (`|`, `>-`, `|2+`).
size_t value_start(const std::string& text, size_t pos) {
  char first = text[pos];
  if (first == '\'' || first == '"') return pos + 1;
  if (first == '|' || first == '>') {
    size_t end_of_header = text.find('\n', pos);
    return end_of_header == std::string::npos ? text.size() : end_of_header + 1;
  }
  return pos;
}

}  // namespace

std::vector<std::pair<int, int>> scalar_byte_positions(const YamlFile& file, const YamlNode& node) {
  YAML::Mark mark = node.Mark();
  if (!node.IsScalar() || mark.pos < 0 || static_cast<size_t>(mark.pos) >= file.text.size()) return {};
  const std::string& text = file.text;
  const std::string& value = node.Scalar();
  int line = mark.line + 1, column = mark.column + 1;
  size_t at = static_cast<size_t>(mark.pos);
  auto advance = [&] {
    if (text[at] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++at;
  };
  size_t start = value_start(text, at);
  while (at < start) advance();
  std::vector<std::pair<int, int>> positions;
  positions.reserve(value.size());
  for (char c : value) {
    bool folded = c == ' ' || c == '\n';
    while (at < text.size() && text[at] != c && !(folded && text[at] == '\n') && removable(text[at])) advance();
    if (at >= text.size() || (text[at] != c && !(folded && text[at] == '\n'))) return {};
    positions.emplace_back(line, column);
    advance();
  }
  return positions;
}

}  // namespace symptree
