// How every human-facing output (the Markdown, Mermaid and DOT flowcharts,
// `explain`, `coverage`) words a node: what enforces it, how urgent it is, who
// it pages and where its runbook is. One place, so the outputs agree.
#pragma once

#include <string>
#include <vector>

#include "generator/model/alert_plan.h"

namespace symptree {

// "alert `StemeDBPortConflict`", "manual: <reason>" or "no alert of its own (groups its causes)".
std::string enforcement_text(const Model& model, const AlertPlan& alerts, int node);

// The short second line of a node in a diagram: "P0 · StemeDBPortConflict",
// "manual" or "P2 · no alert of its own".
std::string badge_text(const Model& model, const AlertPlan& alerts, int node);

// "P0 Critical, respond within 15m" (the label is left out when the spec has none).
std::string priority_text(const Priority& priority);

// The receiver the node's alerts go to and its kind: "pager (pagerduty)";
// "" for a node without a priority (a group or manual step with none above it).
std::string receiver_text(const Model& model, int node);

// "server-wont-start.md, section Port Conflict" (the anchor when no title was given).
std::string runbook_text(const RunbookLink& link);

// The node's runbook URL, or "" when it has none. Equal to its alert's runbook_url.
std::string runbook_url(const Model& model, int node);

// The id of a node in the Mermaid and DOT diagrams: "n_" + its id, so no id
// collides with a keyword of either language or with the diagrams' own nodes.
std::string diagram_id(const Node& node);

// A fill colour per priority, most urgent first: red, orange, yellow, blue, then grey.
std::string priority_colour(int priority);

// The diagnostics for a node: its own, then each ancestor's up to the symptom,
// each command once.
std::vector<const DiagnosticCommand*> diagnostics_for(const Model& model, int node);

// A diagnostic command and the node that lists it.
struct NodeDiagnostic {
  int node = -1;
  const DiagnosticCommand* command = nullptr;
};

// Every diagnostic of the section under symptom `root`, in pre-order, each command once.
std::vector<NodeDiagnostic> section_diagnostics(const Model& model, int root);

// Number of nodes under `node`, the node itself included (pre-order makes it a range).
int subtree_size(const Model& model, int node);

}  // namespace symptree
