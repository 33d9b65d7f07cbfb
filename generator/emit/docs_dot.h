// The flowchart as a Graphviz DOT graph (out/docs/flowchart.dot): symptoms
// and causes coloured by priority, manual steps dashed, each node linking to
// its runbook (URL, which `dot -Tsvg` turns into a link), and a legend.
#pragma once

#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

std::string render_dot(const Model& model, const AlertPlan& alerts);

}  // namespace symptree
