// A cluster-scoped condition's result carries none of the join_on labels nor
// instance (host-scoped results keeping them: join_label_check.h).
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

void check_scopes(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
