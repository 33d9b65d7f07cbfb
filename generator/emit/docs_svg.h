// out/docs/flowchart.svg: the DOT graph rendered by Graphviz, when it is
// installed. The SVG carries the sha256 of the DOT it was rendered from, so a
// machine without Graphviz can still tell whether a committed SVG is current.
#pragma once

#include <optional>
#include <string>

namespace symptree {

// Above this many nodes the SVG is not rendered: nobody reads such a picture,
// and `dot` takes seconds on it.
constexpr size_t kSvgMaxNodes = 1000;

// The comment stamped into the SVG: "<!-- symptree: rendered from flowchart.dot sha256:... -->".
std::string svg_source_marker(const std::string& dot_text);

// Runs `dot_program -Tsvg` on `dot_text` and stamps the result; nullopt with
// `error` set when dot is missing or fails.
std::optional<std::string> render_svg(const std::string& dot_text, const std::string& dot_program, std::string& error);

}  // namespace symptree
