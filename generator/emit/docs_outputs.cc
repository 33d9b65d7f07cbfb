// Assembling the human-facing flowchart outputs.
#include "generator/emit/docs_outputs.h"

#include "generator/emit/diagnose_script.h"
#include "generator/emit/docs_dot.h"
#include "generator/emit/docs_markdown.h"
#include "generator/emit/docs_svg.h"

namespace symptree {

void add_flowchart_docs(const Model& model, const AlertPlan& alerts, OutputSet& outputs) {
  outputs.add(kFlowchartMarkdownPath, render_flowchart_markdown(model, alerts));
  outputs.add(kFlowchartDotPath, render_dot(model, alerts));
  outputs.add(kDiagnoseScriptPath, render_diagnose_script(model));
}

void add_flowchart_svg(const Model& model, const std::string& dot_program, bool use_dot, OutputSet& outputs,
                       std::vector<std::string>& notes) {
  const std::string dot = outputs.content(kFlowchartDotPath);
  std::string why;
  std::optional<std::string> svg;
  outputs.owned_with(kFlowchartSvgPath, kFlowchartDotPath);  // not in the manifest, but always beside the DOT
  if (!use_dot) {
    why = "Graphviz was not asked for";
  } else if (model.nodes.size() > kSvgMaxNodes) {
    why = "the tree has more than " + std::to_string(kSvgMaxNodes) + " nodes";
  } else {
    svg = render_svg(dot, dot_program, why);
  }
  if (svg) {
    outputs.add(kFlowchartSvgPath, std::move(*svg));
    return;
  }
  outputs.expect_rendered(kFlowchartSvgPath, svg_source_marker(dot));
  notes.push_back(std::string(kFlowchartSvgPath) + " not rendered: " + why);
}

}  // namespace symptree
