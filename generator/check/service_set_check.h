// Checks that the services of a config repo can share one output tree and one
// Alertmanager: distinct service names, alert names and rule groups; one
// receiver per name; one default receiver, Alertmanager version and merge file.
#pragma once

#include <vector>

#include "common/diagnostics.h"
#include "generator/model/service_set.h"

namespace symptree {

void check_service_set(const std::vector<ServicePlan>& services, Diagnostics& diagnostics);

}  // namespace symptree
