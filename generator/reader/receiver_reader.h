// Reading and checking a spec receiver's settings against its kind
// (model/receiver_schema): known fields, types, required ones, no inline
// secret, nothing newer than the Alertmanager version.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// A receiver kind's settings, nested mappings flattened to dotted keys.
void read_receiver_fields(const YamlFile& file, const YamlNode& settings, const std::string& prefix,
                          Receiver& receiver, Diagnostics& diagnostics);

// Checks each spec receiver's settings against its kind: known fields, types,
// required ones, no inline secret, nothing newer than `version`.
void check_receivers(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
