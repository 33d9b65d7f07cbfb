// The whole-number validator.
#include "generator/cli/whole_number.h"

#include <climits>

namespace symptree {

std::string whole_number_error(const std::string& text, int minimum) {
  const std::string got = ", got '" + text + "'";
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return "must be a whole number of " + std::to_string(minimum) + " or more" + got;
  }
  size_t first = text.find_first_not_of('0');
  std::string digits = first == std::string::npos ? "0" : text.substr(first);
  if (digits.size() > 10 || std::stoll(digits) > INT_MAX) return "must be at most " + std::to_string(INT_MAX) + got;
  if (std::stoll(digits) < minimum) return "must be a whole number of " + std::to_string(minimum) + " or more" + got;
  return "";
}

CLI::Validator whole_number_at_least(int minimum) {
  return CLI::Validator([minimum](std::string& text) { return whole_number_error(text, minimum); },
                        "INT>=" + std::to_string(minimum));
}

}  // namespace symptree
