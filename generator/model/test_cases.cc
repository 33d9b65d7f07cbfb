// The annotations a planned alert check expects.
#include "generator/model/test_cases.h"

#include "generator/model/alert_template.h"

namespace symptree {

std::map<std::string, std::string> ExpectedAlert::annotations() const {
  std::map<std::string, std::string> result;
  for (const auto& [name, text] : rule->annotations) result[name] = expand_template(text, series_labels, value);
  return result;
}

}  // namespace symptree
