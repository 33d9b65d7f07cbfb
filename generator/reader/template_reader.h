// Reading a spec's alert templates (a node's `description:`, the values of
// `annotations:`): where each byte was written, and the template's syntax,
// functions and arguments checked (model/alert_template.h), each mistake an
// error at its own line and column.
#pragma once

#include <string>

#include "common/yaml_reader.h"
#include "generator/model/model.h"

namespace symptree {

// The place of `node`'s text; reports what makes `text` (its value, read as
// the template of `key`) not a template symptree renders.
TextPlace read_template(const YamlFile& file, const YamlNode& node, const std::string& text, const std::string& key,
                        Diagnostics& diagnostics);

}  // namespace symptree
