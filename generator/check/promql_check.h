// Each condition parses with promtool's PromQL parser (skipped when promtool
// is absent), each error at the condition's position in the spec.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// How long `promtool check rules` may take before it is killed and the check
// fails (symptree --promtool-timeout).
constexpr int kPromtoolCheckTimeoutSeconds = 60;

void check_promql(const Model& model, const std::string& promtool, Diagnostics& diagnostics,
                  int timeout_seconds = kPromtoolCheckTimeoutSeconds);

}  // namespace symptree
