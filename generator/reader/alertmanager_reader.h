// Internal pieces of reading the spec's Alertmanager parts, one file each;
// spec_loader.h declares the entry points the loader calls.
#pragma once

#include <set>
#include <string>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Checks each spec receiver's settings against its kind: known fields, types,
// required ones, no inline secret, nothing newer than `version`.  // receiver_reader.cc
void check_receivers(const Model& model, Diagnostics& diagnostics);

// Reads the merge file `path` (as written, relative to `spec_dir`) into
// `settings`; `spec_receivers` are the names it may route to besides its own.  // merge_reader.cc
void read_merge_file(const std::string& spec_dir, const std::string& path, const SourcePosition& where,
                     const std::set<std::string>& spec_receivers, AlertmanagerSettings& settings,
                     Diagnostics& diagnostics);

// A route of the routing tree as written by hand (also used for the merge file).  // merge_reader.cc
AmRoute read_route(const YamlFile& file, const YAML::Node& node, Diagnostics& diagnostics);

}  // namespace symptree
