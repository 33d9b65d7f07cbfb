// A host-scoped condition's result must be able to carry every join_on label:
// an aggregation or matching that drops one makes an alert no cause can join.
#pragma once

#include "common/diagnostics.h"
#include "generator/check/inferred_labels.h"
#include "generator/model/model.h"

namespace symptree {

// Errors at the clause that drops a join_on label from a host-scoped node's result.
void check_join_labels(const Model& model, Diagnostics& diagnostics);
// The same, with the nodes' labels inferred once for several checks.
void check_join_labels(const Model& model, const InferredLabels& inferred, Diagnostics& diagnostics);

}  // namespace symptree
