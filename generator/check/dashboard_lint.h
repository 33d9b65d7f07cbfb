// The dashboard lints `symptree check` and `compile` apply to the generated
// dashboard: what an on-call needs from every panel during an incident.
#pragma once

#include "common/diagnostics.h"
#include "generator/model/dashboard_inspector.h"
#include "generator/model/model.h"

namespace symptree {

// An inspector for emit/grafana_dashboard's render_dashboard() that reports, at the spec position of
// the panel's node:
// - the dashboard: a uid of at most 40 characters, not editable, and the
//   variables datasource, job and instance;
// - every panel but rows: a title and a description; unique ids;
// - every panel with queries (all but text panels): a unit, at least one
//   query, and queries that use the $job and $instance variables and the
//   $datasource data source;
// - every link: a URL.
DashboardInspector dashboard_lint(const Model& model, Diagnostics& diagnostics);

}  // namespace symptree
