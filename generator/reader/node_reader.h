// Reading the flowchart's nodes: symptoms and their causes with their
// conditions, scopes, priorities, runbooks and examples.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Deepest allowed flowchart: a tree deeper than this is a mistake, not a flowchart.
constexpr int kMaxTreeDepth = 16;
// Longest alert name the ecosystem's style guide accepts.
constexpr size_t kMaxAlertNameLength = 40;

// What reading a run of symptoms met that reading the others must know of:
// the ids and alert names given (each must be unique), and the join labels
// of the nodes read (a custom label may not be one).
struct NodesRead {
  std::map<std::string, SourcePosition> ids;
  std::map<std::string, SourcePosition> alert_names;
  std::vector<std::string> join_labels;
};

// Reads `symptoms` (items of `symptoms:` in `file`), each with its causes,
// appending them to Model::nodes and Model::roots in order, depth first;
// errors go to `diagnostics`. The model holds the settings already, and the
// nodes read so far (whose ids and alert names this reading does not know:
// symptoms_reader.h joins two readings).
NodesRead read_nodes(const YamlFile& file, const std::vector<YamlNode>& symptoms, Model& model,
                     Diagnostics& diagnostics);

}  // namespace symptree
