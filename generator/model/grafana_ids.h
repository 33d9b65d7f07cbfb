// Names the dashboard and the alerts share: the dashboard's uid and file, each
// branch panel's id, and the `dashboard_url` that opens a branch's panel. Both
// the alert plan and the dashboard emitter read these, so they cannot disagree.
#pragma once

#include <string>

#include "generator/model/model.h"

namespace symptree {

// The dashboard's uid: grafana.uid, or "<service>-flowchart" (at most 40 characters).
std::string dashboard_uid(const Model& model);
// The config repo's overview dashboard (emit/grafana_overview), whose uid no service's may take.
constexpr const char* kOverviewDashboardUid = "symptree-overview";

// The dashboard's path in the output directory: "grafana/<service>-flowchart.json".
std::string dashboard_path(const Model& model);

// The id of the panel showing node `node`, and of the row of symptom `node`.
// Ids below 100 are the top row's.
int node_panel_id(int node);
int section_row_id(int node);

// The `dashboard_url` annotation of `node`'s alert: its panel alone
// (viewPanel), filtered to the alert's join labels and, when the alert keeps
// its series' labels, its instance. "" when the spec sets no Grafana URL.
std::string dashboard_url_template(const Model& model, int node);

}  // namespace symptree
