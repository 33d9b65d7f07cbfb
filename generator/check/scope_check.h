// A cluster-scoped condition visibly aggregates the join_on labels and
// instance away; a host-scoped one visibly keeps the join_on labels.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

void check_scopes(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
