// Tests for emit/docs_outputs and the documents it adds (docs_markdown,
// docs_mermaid, docs_dot, docs_svg):
// every node appears in the Markdown, the Mermaid and the DOT with its alert's
// runbook link; escaping; size limits; the SVG stamp.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "generator/emit/docs_dot.h"
#include "generator/emit/docs_markdown.h"
#include "generator/emit/docs_mermaid.h"
#include "generator/emit/docs_outputs.h"
#include "generator/emit/docs_svg.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

const std::string kDefaultSpecPath = std::string(SYMPTREE_SOURCE_DIR) + "/flowchart-spec/stemedb.yaml";

std::string default_spec() {
  std::ifstream in(kDefaultSpecPath);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Compiles without promtool or Graphviz.
// `path` names the text: the default spec's includes are found beside it.
std::optional<Compilation> compile_docs(const std::string& text, Diagnostics& d, const std::string& path = "spec.yaml") {
  CheckOptions options;
  options.use_promtool = false;
  options.use_dot = false;
  return compile_spec_text(path, text, options, d);
}

std::string annotation(const AlertRule& rule, const std::string& name) {
  for (const auto& [key, value] : rule.annotations) {
    if (key == name) return value;
  }
  return "";
}

// The line of `text` that contains `needle`, or "".
std::string line_with(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  if (at == std::string::npos) return "";
  size_t start = text.rfind('\n', at) + 1;
  return text.substr(start, text.find('\n', at) - start);
}

// The Markdown line that describes `node`: a branch line for a cause, the
// "Enforced by" line of its section for a symptom.
std::string markdown_line(const Compilation& c, int node, const std::string& markdown) {
  const Node& n = c.model.nodes[node];
  if (n.parent >= 0) return line_with(markdown, "- **" + n.title + "**");
  int number = 1;
  while (c.model.roots[number - 1] != node) ++number;
  size_t section = markdown.find("### " + symptom_heading(c.model, node, number) + "\n");
  REQUIRE(section != std::string::npos);
  return line_with(markdown.substr(section), "**Enforced by:** ");
}

// What each output must say about how a node is enforced.
std::string enforcement(const Compilation& c, int node) {
  const Node& n = c.model.nodes[node];
  if (n.kind == NodeKind::Manual) return "manual";
  const AlertRule* rule = c.alerts.rule_for_node(node);
  return rule ? rule->name : "no alert of its own";
}

void check_every_node_everywhere(const Compilation& c) {
  const std::string& markdown = c.outputs.files().at(kFlowchartMarkdownPath);
  const std::string& dot = c.outputs.files().at(kFlowchartDotPath);
  std::optional<std::string> mermaid = render_mermaid(c.model, c.alerts);
  REQUIRE(mermaid);
  CHECK(markdown.find("```mermaid\n" + *mermaid + "```") != std::string::npos);
  for (size_t i = 0; i < c.model.nodes.size(); ++i) {
    int index = static_cast<int>(i);
    const Node& node = c.model.nodes[i];
    CAPTURE(node.id);
    std::string url = node.runbook ? node.runbook->url : "";
    if (const AlertRule* rule = c.alerts.rule_for_node(index)) CHECK(annotation(*rule, "runbook_url") == url);
    std::string md = markdown_line(c, index, markdown);
    std::string mm = line_with(*mermaid, "  n_" + node.id + "[") + line_with(*mermaid, "  n_" + node.id + "(");
    std::string dt = line_with(dot, "  n_" + node.id + " [");
    CHECK(md.find(enforcement(c, index)) != std::string::npos);
    CHECK(mm.find(enforcement(c, index)) != std::string::npos);
    CHECK(dt.find(enforcement(c, index)) != std::string::npos);
    if (node.kind == NodeKind::Manual) CHECK(md.find(node.manual_reason) != std::string::npos);
    if (url.empty()) continue;
    CHECK(md.find("](" + url + ")") != std::string::npos);
    CHECK(mermaid->find("  click n_" + node.id + " href \"" + url + "\"") != std::string::npos);
    CHECK(dt.find("URL=\"" + url + "\"") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("every node of the default spec is in the Markdown, Mermaid and DOT with its alert's runbook link") {
  Diagnostics d;
  std::optional<Compilation> c = compile_docs(default_spec(), d, kDefaultSpecPath);
  REQUIRE_MESSAGE(c, d.format());
  check_every_node_everywhere(*c);
  const std::string& markdown = c->outputs.files().at(kFlowchartMarkdownPath);
  for (const char* section : {"## Start Here", "## Decision Tree", "**Quick Diagnostic:**", "## Incident Priority Matrix",
                              "## Common Metrics to Check", "## Escalation Path", "journalctl -u stemedb-api -n 1000 > logs.txt"}) {
    CHECK_MESSAGE(markdown.find(section) != std::string::npos, section);
  }
}

TEST_CASE("every node of a deeper tree with a manual leaf is in every diagram") {
  Diagnostics d;
  std::optional<Compilation> c = compile_docs(small_spec(), d);
  REQUIRE_MESSAGE(c, d.format());
  check_every_node_everywhere(*c);
  // The third level is nested under its parent in the Markdown list.
  CHECK(c->outputs.files().at(kFlowchartMarkdownPath).find("\n  - **Disk nearly full too?**") != std::string::npos);
}

TEST_CASE("titles cannot break the Mermaid, DOT or Markdown syntax") {
  std::string spec = replace(small_spec(), "title: Port taken?", "title: 'Port \"taken\" <b>#1</b> `x` a|b \\ ?'");
  Diagnostics d;
  std::optional<Compilation> c = compile_docs(spec, d);
  REQUIRE_MESSAGE(c, d.format());
  std::string mermaid = *render_mermaid(c->model, c->alerts);
  std::string node = line_with(mermaid, "  n_port_taken[");
  CHECK(node == "  n_port_taken[\"Port #quot;taken#quot; #lt;b#gt;#35;1#lt;/b#gt; #96;x#96; a|b \\ ?<br/>P0 · ShopPortTaken\"]");
  std::string dot = line_with(c->outputs.files().at(kFlowchartDotPath), "  n_port_taken [");
  CHECK(dot.find("label=\"Port \\\"taken\\\" <b>#1</b> `x` a|b \\\\ ?\\nP0 · ShopPortTaken\"") != std::string::npos);
  CHECK(c->outputs.files().at(kFlowchartMarkdownPath).find("- **Port \"taken\" &lt;b>#1&lt;/b> `x` a\\|b") !=
        std::string::npos);
}

TEST_CASE("a tree beyond Mermaid's limits gets a note instead of a diagram") {
  std::string causes;
  for (int i = 0; i < 501; ++i) {
    causes += "      - {id: c" + std::to_string(i) + ", title: C" + std::to_string(i) + ", manual: by hand, runbook: r.md}\n";
  }
  std::string spec = replace(small_spec(), "    causes:\n      - id: errors_rising", "    causes:\n" + causes + "      - id: errors_rising");
  Diagnostics d;
  std::optional<Compilation> c = compile_docs(spec, d);
  REQUIRE_MESSAGE(c, d.format());
  CHECK_FALSE(render_mermaid(c->model, c->alerts));
  const std::string& markdown = c->outputs.files().at(kFlowchartMarkdownPath);
  CHECK(markdown.find("```mermaid") == std::string::npos);
  CHECK(markdown.find("more than a Mermaid diagram shows") != std::string::npos);
}

TEST_CASE("the SVG is left out of the manifest and, without Graphviz, noted") {
  Diagnostics d;
  std::optional<Compilation> c = compile_docs(small_spec(), d);
  REQUIRE_MESSAGE(c, d.format());
  CHECK(c->outputs.files().count(kFlowchartSvgPath) == 0);
  CHECK(c->outputs.files().at(kManifestName).find("flowchart.svg") == std::string::npos);
  CHECK(c->outputs.files().at(kManifestName).find("docs/flowchart.dot") != std::string::npos);
  REQUIRE(c->notes.size() == 1);
  CHECK(c->notes[0].find("docs/flowchart.svg not rendered") == 0);
  std::string error;
  CHECK_FALSE(render_svg("digraph {}", "/nonexistent/dot", error));
  CHECK(error.find("not installed") != std::string::npos);
}
