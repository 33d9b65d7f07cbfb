// DOT rendering of the flowchart.
#include "generator/emit/docs_dot.h"

#include "common/quoting.h"

#include "generator/emit/flowchart_text.h"
#include "generator/emit/yaml_writer.h"

namespace symptree {
namespace {

std::string node_attributes(const Model& model, const AlertPlan& alerts, int index) {
  const Node& node = model.nodes[index];
  std::string attributes = "label=" + double_quote(node.title + "\n" + badge_text(model, alerts, index));
  bool plain = node.kind != NodeKind::Alert || node.priority < 0;
  attributes += ", fillcolor=" + double_quote(plain ? "#ffffff" : priority_colour(node.priority));
  if (node.kind == NodeKind::Manual) attributes += ", style=\"rounded,dashed,filled\"";
  if (node.parent < 0) attributes += ", penwidth=2";
  if (node.runbook) {
    attributes += ", URL=" + double_quote(node.runbook->url) + ", tooltip=" + double_quote("Runbook: " + runbook_text(*node.runbook));
  }
  return attributes;
}

void write_legend(const Model& model, std::string& out) {
  out += "  subgraph cluster_legend {\n    label=\"Priority\"; fontsize=10; color=\"#999999\";\n";
  for (size_t p = 0; p < model.priorities.size(); ++p) {
    const Priority& priority = model.priorities[p];
    out += "    legend_" + std::to_string(p) + " [label=" + double_quote(priority_text(priority)) +
           ", fillcolor=" + double_quote(priority_colour(static_cast<int>(p))) + "];\n";
  }
  out += "    legend_manual [label=\"manual step\", fillcolor=\"#ffffff\", style=\"rounded,dashed,filled\"];\n  }\n";
}

}  // namespace

std::string render_dot(const Model& model, const AlertPlan& alerts) {
  std::string out = "// " + generated_header(model, "") + "\n// Render: dot -Tsvg flowchart.dot -o flowchart.svg\n";
  out += "digraph flowchart {\n";
  out += "  graph [rankdir=LR, label=" + double_quote(model.title.empty() ? model.service : model.title) +
         ", labelloc=t, fontname=\"Helvetica\", fontsize=16, nodesep=0.15, ranksep=0.6];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [color=\"#555555\", arrowsize=0.7];\n";
  out += "  start [label=\"What observable problem\\nare you seeing?\", shape=hexagon, fillcolor=\"#eeeeee\"];\n";
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    out += "  " + diagram_id(model.nodes[i]) + " [" + node_attributes(model, alerts, static_cast<int>(i)) + "];\n";
  }
  for (const Node& node : model.nodes) {
    std::string from = node.parent < 0 ? std::string("start") : diagram_id(model.nodes[node.parent]);
    out += "  " + from + " -> " + diagram_id(node) + ";\n";
  }
  write_legend(model, out);
  return out + "}\n";
}

}  // namespace symptree
