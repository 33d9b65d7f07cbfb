// Reading a positive duration from a YAML mapping, with the one error message
// every section uses ("'timeout' must be a positive duration such as 5s, got
// '5 seconds'"): the spec's settings, priorities and deployment, the merge
// file's routes and the exporter's host section all read durations this way.
#pragma once

#include <optional>
#include <string>

#include "common/duration.h"
#include "common/yaml_reader.h"

namespace symptree {

// `key` of `map` as a duration above zero; nullopt when it is absent (an error
// too when `required`) or not a positive duration (an error naming the value
// and `examples`, e.g. "1m or 1h30m").
std::optional<Duration> read_positive_duration(const MapReader& map, const std::string& key,
                                               const std::string& examples, bool required = false);

}  // namespace symptree
