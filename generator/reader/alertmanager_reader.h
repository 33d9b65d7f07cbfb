// Reading the spec's `alertmanager:` section: the version, the default
// receiver, `inhibits:` (resolved to nodes, without cycles), the receivers'
// settings (receiver_reader) and the merge file (merge_reader).
#pragma once

#include <string>
#include <vector>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

void read_alertmanager(const MapReader& top, Model& model);
// A list of node ids with their positions, e.g. `inhibits: [queries_slow]`.
std::vector<NodeRef> read_node_refs(const MapReader& map, const std::string& key);

}  // namespace symptree
