// Escaping for double-quoted strings.
#include "common/quoting.h"

namespace symptree {

std::string double_quote(const std::string& text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace symptree
