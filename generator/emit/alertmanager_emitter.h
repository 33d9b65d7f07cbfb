// Rendering the Alertmanager outputs: alertmanager.yml (routing tree, inhibit
// rules, receivers, and the merge file's additions) and routes.test (for every
// alert the rules can produce, the receivers it must reach and its labels).
#pragma once

#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

std::string render_alertmanager_config(const Model& model);
std::string render_route_tests(const Model& model, const AlertPlan& alerts);

}  // namespace symptree
