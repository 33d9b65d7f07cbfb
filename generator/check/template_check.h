// What an alert template may read: each `{{ $labels.x }}` a label the alert's
// result series certainly carries (label inference on the condition; an
// alerting node's rule is its condition `and on (...)` its parent's record,
// which keeps the condition's labels), and `{{ $value }}` only where the
// generated tests know the value (derived series, not `examples:`).
#pragma once

#include "common/diagnostics.h"
#include "generator/check/inferred_labels.h"
#include "generator/model/model.h"

namespace symptree {

// Errors at the `$labels.x` or `$value` of each description and annotation
// template that an alert it applies to cannot render as its tests assert.
void check_templates(const Model& model, Diagnostics& diagnostics);
// The same, with the nodes' labels inferred once for several checks.
void check_templates(const Model& model, const InferredLabels& inferred, Diagnostics& diagnostics);

}  // namespace symptree
