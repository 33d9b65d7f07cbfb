// The flowchart as a Mermaid diagram, for Markdown that Git hosting renders:
// symptoms and causes coloured by priority, manual steps dashed, each node
// clickable to its runbook.
#pragma once

#include <optional>
#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

// Mermaid refuses diagrams beyond these by default (maxEdges, maxTextSize).
constexpr size_t kMermaidMaxEdges = 500;
constexpr size_t kMermaidMaxText = 50000;

// The `flowchart` text of the whole tree (without the ``` fence), or nullopt
// when it would exceed Mermaid's default limits.
std::optional<std::string> render_mermaid(const Model& model, const AlertPlan& alerts);

}  // namespace symptree
