// Naming rules.
#include "generator/reader/names.h"

#include <cctype>

namespace symptree {
namespace {

bool all_of(const std::string& name, bool (*allowed)(unsigned char)) {
  for (char c : name) {
    if (!allowed(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

bool is_snake_case(const std::string& name) {
  return !name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
         all_of(name, [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

bool is_label_name(const std::string& name) {
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         all_of(name, [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

bool is_metric_name(const std::string& name) {
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         all_of(name, [](unsigned char c) { return std::isalnum(c) || c == '_' || c == ':'; });
}

bool is_camel_case(const std::string& name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name[0])) &&
         all_of(name, [](unsigned char c) { return std::isalnum(c) != 0; });
}

std::string camel_case(const std::string& snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_' || c == '-') {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

bool claim_name(std::set<std::string>& taken, const std::string& name, const std::string& what,
                const SourcePosition& where, Diagnostics& diagnostics) {
  if (taken.insert(name).second) return true;
  diagnostics.error(where, what + " '" + name + "' is defined twice");
  return false;
}

}  // namespace symptree
