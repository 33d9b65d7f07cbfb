// A cause that fixes a join label to one value (`x{namespace="payments"}`)
// under an ancestor joined to it on that label that fixes another
// (`y{namespace="billing"}`): the two never hold on the same series, so the
// cause's alert can never fire (model/join_pins.h).
#pragma once

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

// Errors at the later of each two such values (the cause's matcher or example series).
void check_join_pins(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
