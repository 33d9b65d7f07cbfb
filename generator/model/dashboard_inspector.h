// The hook between the dashboard renderer (emit/grafana_dashboard) and the
// dashboard lints (check/dashboard_lint): the renderer calls it for each
// panel as it is written, the lints supply it. It lives below both so that
// neither folder includes the other.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>

namespace symptree {

// Sees each panel as it is rendered (node: its flowchart node, or -1), and the
// dashboard without its panels; the dashboard lints use it.
struct DashboardInspector {
  std::function<void(const nlohmann::ordered_json& dashboard)> dashboard;
  std::function<void(const nlohmann::ordered_json& panel, int node)> panel;
};

}  // namespace symptree
