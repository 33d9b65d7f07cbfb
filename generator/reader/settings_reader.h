// Reading the spec's settings: identity, join labels, jobs, runbooks, test
// and absence timing, app metrics, and the flowchart's global commands.
#pragma once

#include <string>
#include <vector>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

void read_settings(const MapReader& top, Model& model);
// A list of diagnostic commands under `key` (`always_check`, a node's `diagnostics`).
// Reports each label of the list `key` of `map` that cannot be a join label (not
// a label name, `instance`, `job` or a label symptree sets on alerts); false if any.
bool check_join_labels(const MapReader& map, const std::string& key);

std::vector<DiagnosticCommand> read_commands(const MapReader& parent, const std::string& key);

}  // namespace symptree
