// Mermaid rendering of the flowchart.
#include "generator/emit/docs_mermaid.h"

#include <map>

#include "generator/emit/flowchart_text.h"

namespace symptree {
namespace {

// Text inside a quoted Mermaid label: quotes, angle brackets, '#' and
// backticks become entity codes, so no title can break the syntax.
std::string label_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '#': out += "#35;"; break;
      case '`': out += "#96;"; break;
      case '\n': out += ' '; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// A URL inside a quoted click target: only the quote needs escaping.
std::string quoted_url(const std::string& url) {
  std::string out;
  for (char c : url) out += c == '"' ? std::string("%22") : std::string(1, c);
  return out;
}

std::string node_shape(const Node& node, const std::string& label) {
  std::string quoted = "\"" + label + "\"";
  if (node.kind == NodeKind::Manual) return "[/" + quoted + "/]";
  if (node.parent < 0) return "([" + quoted + "])";
  return "[" + quoted + "]";
}

// The class of a node: its priority ("p0", ...), or "manual" / "group".
std::string node_class(const Model& model, int node) {
  const Node& n = model.nodes[node];
  if (n.kind == NodeKind::Manual) return "manual";
  if (n.kind == NodeKind::Group || n.priority < 0) return "group";
  return "p" + std::to_string(n.priority);
}

void write_class_defs(const Model& model, std::string& out) {
  for (size_t p = 0; p < model.priorities.size(); ++p) {
    out += "  classDef p" + std::to_string(p) + " fill:" + priority_colour(static_cast<int>(p)) + ",stroke:#555\n";
  }
  out += "  classDef group fill:#ffffff,stroke:#555\n";
  out += "  classDef manual fill:#ffffff,stroke:#555,stroke-dasharray:5 5\n";
}

}  // namespace

std::optional<std::string> render_mermaid(const Model& model, const AlertPlan& alerts) {
  if (model.nodes.size() > kMermaidMaxEdges) return std::nullopt;
  std::string out = "flowchart LR\n  start{{\"What observable problem are you seeing?\"}}\n";
  std::map<std::string, std::string> members;  // class -> "n_a,n_b"
  std::string clicks;
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    int index = static_cast<int>(i);
    std::string id = diagram_id(node);
    std::string label = label_text(node.title) + "<br/>" + label_text(badge_text(model, alerts, index));
    out += "  " + id + node_shape(node, label) + "\n";
    out += "  " + (node.parent < 0 ? std::string("start") : diagram_id(model.nodes[node.parent])) + " --> " + id + "\n";
    std::string& list = members[node_class(model, index)];
    list += (list.empty() ? "" : ",") + id;
    if (node.runbook) {
      clicks += "  click " + id + " href \"" + quoted_url(node.runbook->url) + "\" \"" +
                label_text("Runbook: " + runbook_text(*node.runbook)) + "\" _blank\n";
    }
  }
  out += clicks;
  write_class_defs(model, out);
  for (const auto& [name, ids] : members) out += "  class " + ids + " " + name + "\n";
  if (out.size() > kMermaidMaxText) return std::nullopt;
  return out;
}

}  // namespace symptree
