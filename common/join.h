// Joining strings with a separator: lists in messages, comments and outputs.
#pragma once

#include <string>
#include <vector>

namespace symptree {

inline std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

}  // namespace symptree
