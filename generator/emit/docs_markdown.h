// out/docs/flowchart.md: the troubleshooting flowchart regenerated from the
// spec for people, in the shape of a hand-written operations guide: a Mermaid
// diagram, one section per symptom (the decision tree with every branch's
// runbook link and the alert that enforces it, or "manual"; the quick
// diagnostics), the priority matrix, what to check first, the escalation path.
#pragma once

#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

std::string render_flowchart_markdown(const Model& model, const AlertPlan& alerts);

// The heading of symptom number `number` (1-based) and its GitHub anchor.
std::string symptom_heading(const Model& model, int root, int number);

}  // namespace symptree
