// Every metric a condition or example reads is produced by a configured probe,
// listed in app_metrics, or built into Prometheus; probe label values name
// configured probes.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

void check_metrics(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
