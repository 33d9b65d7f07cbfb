// The flowchart for people, as files of the output set: docs/flowchart.md
// (with its Mermaid diagram), docs/flowchart.dot, docs/diagnose.sh and, when
// Graphviz is installed, docs/flowchart.svg.
#pragma once

#include <string>
#include <vector>

#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"

namespace symptree {

constexpr const char* kFlowchartMarkdownPath = "docs/flowchart.md";
constexpr const char* kFlowchartDotPath = "docs/flowchart.dot";
constexpr const char* kFlowchartSvgPath = "docs/flowchart.svg";
constexpr const char* kDiagnoseScriptPath = "docs/diagnose.sh";

// Adds the Markdown, the DOT and the script.
void add_flowchart_docs(const Model& model, const AlertPlan& alerts, OutputSet& outputs);

// Adds the SVG rendered from the DOT already in `outputs`. Call it after the
// manifest is rendered: the manifest, like every other file, must not depend on
// whether Graphviz is installed. When the SVG cannot be rendered here, a copy
// on disk stays current as long as it was rendered from the same DOT; `notes`
// says why it was not rendered. `use_dot` false: Graphviz was not asked for;
// `dot_program` is the Graphviz command otherwise.
void add_flowchart_svg(const Model& model, const std::string& dot_program, bool use_dot, OutputSet& outputs,
                       std::vector<std::string>& notes);

}  // namespace symptree
