// out/grafana/<service>-flowchart.json: the incident dashboard generated from
// the flowchart. Its thresholds, runbook links and panel ids are the alerts'.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

// Sees each panel as it is rendered (node: its flowchart node, or -1), and the
// dashboard without its panels; the dashboard lints use it.
struct DashboardInspector {
  std::function<void(const nlohmann::ordered_json& dashboard)> dashboard;
  std::function<void(const nlohmann::ordered_json& panel, int node)> panel;
};

// The dashboard as pretty-printed JSON. Panels are rendered one at a time and
// appended as text, so a 10,000-branch dashboard never exists as a JSON tree.
std::string render_dashboard(const Model& model, const AlertPlan& alerts, const DashboardInspector& inspector = {});

}  // namespace symptree
