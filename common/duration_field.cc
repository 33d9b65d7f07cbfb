// A positive duration read from a YAML mapping.
#include "common/duration_field.h"

namespace symptree {

std::optional<Duration> read_positive_duration(const MapReader& map, const std::string& key,
                                               const std::string& examples, bool required) {
  std::optional<std::string> text = map.string(key, required);
  if (!text) return std::nullopt;
  std::string problem;
  std::optional<Duration> parsed = parse_duration(*text, &problem);
  if (!problem.empty()) {
    map.diagnostics().error(map.where(key), "'" + key + "': " + problem);
    return std::nullopt;
  }
  if (!parsed || parsed->ms == 0) {
    map.diagnostics().error(map.where(key), "'" + key + "' must be a positive duration such as " + examples +
                                                ", got '" + *text + "'");
    return std::nullopt;
  }
  return parsed;
}

}  // namespace symptree
