// grafana/overview.json of a config repo: for every service, the "where are we
// in the flowchart" row of its own dashboard (what holds now, and over the last
// hours) under the service's title, linking to that dashboard.
#pragma once

#include <string>
#include <vector>

#include "generator/model/service_set.h"

namespace symptree {

constexpr const char* kOverviewDashboardPath = "grafana/overview.json";

std::string render_overview_dashboard(const std::vector<ServicePlan>& services);

}  // namespace symptree
