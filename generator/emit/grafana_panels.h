// The panels of the flowchart dashboard, each built as JSON: the top row that
// shows where we are in the flowchart, a row per symptom section, a panel per
// branch (its metric, threshold, unit, question and runbook), and a text panel
// per manual step.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

using Json = nlohmann::ordered_json;

constexpr int kSchemaVersion = 39;  // the dashboards' JSON model: Grafana 10.4 / 11

// Where a panel sits on the dashboard's 24-column grid.
struct GridPos {
  int x, y, w, h;
};

// What every panel query shares: the data source and the variable filters.
struct PanelContext {
  const Model& model;
  const AlertPlan& alerts;
  std::string filters;  // host=~"$host", job=~"$job", instance=~"$instance"
  std::string cluster_filters;  // job=~"$job": a cluster-scoped panel shows the cluster, whatever host is chosen
};

// The filters of `node`'s panel: context.filters, without the host variables
// of the spec's join_on labels its own join set lacks (`join_on: [node]`).
std::string node_filters(const PanelContext& context, int node);

// `, host=~"$host"` for each join_on label: the dashboard's host variables as
// matchers to append to a selector.
std::string host_variable_filters(const Model& model);
// `, host=""` for each join_on label: the series of cluster-scoped nodes, which
// carry none of them.
std::string no_host_filters(const Model& model);
// `svc|symptree-exporter|postgres-exporter`: the jobs the tree reads, as a regex
// for the dashboards' job variable.
std::string jobs_regex(const Model& model);

// The dashboard's Prometheus data source, chosen by the `datasource` variable.
Json datasource_ref();
// That variable.
Json datasource_variable();

// A row: "Where are we in the flowchart", or a symptom section.
Json row_panel(int id, const std::string& title, int y);

// "Holds now" (a table) and "Over the last hours" (a state timeline) from the
// per-node recording rules, each node linking to its runbook section.
Json holds_now_panel(const PanelContext& context, GridPos pos);
Json holds_over_time_panel(const PanelContext& context, GridPos pos);

// The panel of a node with a condition: what it reads, with the alert's threshold.
Json branch_panel(const PanelContext& context, int node, GridPos pos);

// A text panel for a manual step: the procedure's reason and its runbook.
Json manual_panel(const PanelContext& context, int node, GridPos pos);

}  // namespace symptree
