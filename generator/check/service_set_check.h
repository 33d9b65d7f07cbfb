// Checks that the services of a config repo can share one output tree and one
// Alertmanager: distinct service names (so rule groups, <service>.<symptom>,
// are distinct too), alert names, dashboard uids and jobs; one receiver per
// name, the merge file's included; one default receiver, Alertmanager version
// and merge file.
#pragma once

#include <vector>

#include "common/diagnostics.h"
#include "generator/model/service_set.h"

namespace symptree {

void check_service_set(const std::vector<ServicePlan>& services, Diagnostics& diagnostics);

}  // namespace symptree
