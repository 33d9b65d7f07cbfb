// A label symptree sets on an alert (severity, priority, flowchart_*, the
// spec's own labels) replaces the same label of the condition's result, so a
// condition whose result may carry one would lose that label silently.
#pragma once

#include "common/diagnostics.h"
#include "generator/check/inferred_labels.h"
#include "generator/model/model.h"

namespace symptree {

// Errors where an alerting node's result may carry a label its alert sets.
void check_label_collisions(const Model& model, Diagnostics& diagnostics);
// The same, with the nodes' labels inferred once for several checks.
void check_label_collisions(const Model& model, const InferredLabels& inferred, Diagnostics& diagnostics);

}  // namespace symptree
