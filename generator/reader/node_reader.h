// Reading the flowchart itself (`symptoms:`): the tree of nodes with their
// conditions, scopes, priorities, runbooks and examples.
#pragma once

#include <cstddef>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Deepest allowed flowchart: a tree deeper than this is a mistake, not a flowchart.
constexpr int kMaxTreeDepth = 16;
// Longest alert name the ecosystem's style guide accepts.
constexpr size_t kMaxAlertNameLength = 40;

void read_symptoms(const MapReader& top, Model& model);

}  // namespace symptree
