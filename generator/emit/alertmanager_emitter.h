// Rendering the Alertmanager outputs: alertmanager.yml (routing tree, inhibit
// rules, receivers, and the merge file's additions) and routes.test (for every
// alert the rules can produce, the receivers it must reach and its labels).
#pragma once

#include <string>

#include "generator/model/alert_plan.h"
#include "generator/model/alertmanager_settings.h"
#include "generator/model/service_set.h"

namespace symptree {

// `routes` is the compile's routing plan (model/routing's build_route_tree).
std::string render_alertmanager_config(const Model& model, const AmRoute& routes);
std::string render_route_tests(const Model& model, const AlertPlan& alerts, const AmRoute& routes);

// The same for every service of a config repo under one routing tree
// (model/routing's build_shared_route_tree): each service's inhibit rules,
// the receivers once each (check/service_set_check has made sure that equal
// names are equal receivers), the merge file's additions once.
std::string render_alertmanager_config(const std::vector<ServicePlan>& services, const AmRoute& routes);
std::string render_route_tests(const std::vector<ServicePlan>& services, const AmRoute& routes);

}  // namespace symptree
