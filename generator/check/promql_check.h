// Each condition parses with promtool's PromQL parser (skipped when promtool
// is absent), each error at the condition's position in the spec.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

void check_promql(const Model& model, const std::string& promtool, Diagnostics& diagnostics);

}  // namespace symptree
