// Reading the Incident Priority Matrix (`priorities:`) and the receivers
// the priorities page.
#pragma once

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

void read_priorities(const MapReader& top, Model& model);
// The spec's `receivers:`; each priority's receiver must be one of them.
void read_receivers(const MapReader& top, Model& model);

}  // namespace symptree
