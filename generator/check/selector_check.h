// The selectors of every condition, in every position of its syntax tree,
// against the exporter's catalogue: label names a symptree_* metric has,
// probe names the host section configures, regexes that can match one.
#pragma once

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// Errors at the matcher: unknown label of an exporter metric, no such probe.
void check_selectors(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
