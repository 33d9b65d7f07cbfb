// Where each byte of a YAML scalar's value was written in the source, for
// errors inside a multi-line `when` (plain scalars folded over lines, quoted
// scalars with '' or \" escapes, literal | and folded > block scalars).
#pragma once

#include <utility>
#include <vector>

#include "common/yaml_reader.h"

namespace symptree {

// For each byte of `node`'s value, its 1-based (line, column) in the file;
// empty when the value cannot be aligned with its source (then callers use the
// scalar's start).
std::vector<std::pair<int, int>> scalar_byte_positions(const YamlFile& file, const YamlNode& node);

}  // namespace symptree
