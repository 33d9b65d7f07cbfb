// Reading the merge file: hand-written routes, receivers, inhibit rules and
// sections that symptree adds to the generated Alertmanager configuration,
// checked as the spec is.
#pragma once

#include <set>
#include <string>

#include "common/diagnostics.h"
#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Reads the merge file `path` (as written, relative to `spec_dir`) into
// `settings`; `spec_receivers` are the names it may route to besides its own.
void read_merge_file(const std::string& spec_dir, const std::string& path, const SourcePosition& where,
                     const std::set<std::string>& spec_receivers, AlertmanagerSettings& settings,
                     Diagnostics& diagnostics);

// A route of the routing tree as written by hand in the merge file.
AmRoute read_route(const YamlFile& file, const YamlNode& node, Diagnostics& diagnostics);

}  // namespace symptree
