// Reading `symptoms:`, the flowchart itself. A large spec's symptoms are read
// in two halves on two threads (reading them was half of loading a spec),
// and the halves joined when they are independent; else they are read again
// in order, so that what is reported never depends on the split.
#pragma once

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// Reads every symptom of `top` with its causes into Model::nodes and
// Model::roots (node_reader.h), errors to top.diagnostics().
void read_symptoms(const MapReader& top, Model& model);

}  // namespace symptree
