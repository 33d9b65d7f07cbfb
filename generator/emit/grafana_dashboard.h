// out/grafana/<service>-flowchart.json: the incident dashboard generated from
// the flowchart. Its thresholds, runbook links and panel ids are the alerts'.
#pragma once

#include <string>

#include "generator/model/alert_plan.h"
#include "generator/model/dashboard_inspector.h"

namespace symptree {

// The dashboard as pretty-printed JSON. Panels are rendered one at a time and
// appended as text, so a 10,000-branch dashboard never exists as a JSON tree.
std::string render_dashboard(const Model& model, const AlertPlan& alerts, const DashboardInspector& inspector = {});

}  // namespace symptree
