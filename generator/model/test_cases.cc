// The annotations a planned alert check expects.
#include "generator/model/test_cases.h"

namespace symptree {

std::map<std::string, std::string> ExpectedAlert::annotations() const {
  std::map<std::string, std::string> result;
  for (const auto& [name, text] : rule->annotations) result[name] = expand_template(text, labels);
  return result;
}

}  // namespace symptree
