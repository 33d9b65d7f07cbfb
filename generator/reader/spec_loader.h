// Loading a spec file into the Model: structure, types and references. The
// deeper checks (metrics, runbooks, PromQL, testability) live in check/.
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Deepest allowed flowchart: a tree deeper than this is a mistake, not a flowchart.
constexpr int kMaxTreeDepth = 16;
// Longest alert name the ecosystem's style guide accepts.
constexpr size_t kMaxAlertNameLength = 40;

std::optional<Model> load_spec(const std::string& path, Diagnostics& diagnostics);
std::optional<Model> load_spec_text(const std::string& path, const std::string& text, Diagnostics& diagnostics);

// Internal pieces of the loader, one file each.
void read_settings(const MapReader& top, Model& model);          // spec/settings_reader.cc
void read_priorities(const MapReader& top, Model& model);        // spec/priority_reader.cc
void read_receivers(const MapReader& top, Model& model);         // spec/priority_reader.cc
void read_symptoms(const MapReader& top, Model& model);          // spec/node_reader.cc
std::vector<DiagnosticCommand> read_commands(const MapReader& parent, const std::string& key);  // settings_reader.cc
// A receiver kind's settings, nested mappings flattened to dotted keys.         // spec/receiver_reader.cc
void read_receiver_fields(const YamlFile& file, const YAML::Node& settings, const std::string& prefix,
                          Receiver& receiver, Diagnostics& diagnostics);
// The `alertmanager:` section, the receivers' fields, `inhibits:`, the merge file. // spec/alertmanager_reader.cc
void read_alertmanager(const MapReader& top, Model& model);
// A list of node ids with their positions, e.g. `inhibits: [queries_slow]`.       // spec/alertmanager_reader.cc
std::vector<NodeRef> read_node_refs(const MapReader& map, const std::string& key);

}  // namespace symptree
