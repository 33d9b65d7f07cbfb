// GitHub's anchor rule: lowercase, drop punctuation except '-' and '_', spaces to '-'.
#include "common/slug.h"

#include <cctype>

namespace symptree {

std::string github_slug(const std::string& heading) {
  std::string slug;
  for (unsigned char c : heading) {
    if (std::isalnum(c)) {
      slug.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == ' ' || c == '-') {
      slug.push_back('-');
    } else if (c == '_') {
      slug.push_back('_');
    } else if (c >= 0x80) {
      slug.push_back(static_cast<char>(c));  // GitHub keeps non-ASCII letters
    }
  }
  return slug;
}

}  // namespace symptree
