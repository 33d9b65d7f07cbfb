// Building the dashboard's panels as JSON.
#include "generator/emit/grafana_panels.h"

#include <algorithm>
#include <cstdlib>

#include "common/quoting.h"
#include "generator/emit/grafana_query.h"
#include "generator/emit/json_object.h"
#include "generator/model/alert_labels.h"
#include "generator/model/grafana_ids.h"
#include "generator/model/node_state_rules.h"
#include "generator/promql/decimal.h"

namespace symptree {
namespace {

Json grid(GridPos pos) { return object_of("h", pos.h, "w", pos.w, "x", pos.x, "y", pos.y); }

// A number as JSON that prints back as written: an integer when it is one.
Json number_json(const std::string& text) {
  std::optional<Decimal> value = Decimal::parse(text);
  std::string plain = value ? value->to_string() : text;
  if (plain.find('.') == std::string::npos && plain.size() < 19) return std::stoll(plain);
  return std::strtod(text.c_str(), nullptr);
}

// A panel link (Grafana's DashboardLink shape) to a runbook section.
Json runbook_link(const RunbookLink& runbook) {
  std::string where = runbook.section.empty() ? runbook.path : runbook.section;
  return object_of("asDropdown", false, "icon", "doc", "includeVars", false, "keepTime", false, "tags", Json::array(),
                   "targetBlank", true, "title", "Runbook: " + where, "tooltip", "", "type", "link", "url", runbook.url);
}

// A query of the panel's data source (a target without its own uses the panel's).
Json prometheus_target(const std::string& ref_id, const std::string& expr, const std::string& legend, bool instant) {
  Json target = object_of("editorMode", "code", "expr", expr, "legendFormat", legend, "refId", ref_id);
  target[instant ? "instant" : "range"] = true;
  if (instant) target["format"] = "table";
  return target;
}

// The alert's threshold as Grafana thresholds: red on the side where the
// condition holds, drawn as a dashed line (and area for ordered comparisons).
Json thresholds(const PanelSignal& signal) {
  bool below = signal.op == "<" || signal.op == "<=";
  Json base = object_of("color", below ? "red" : "green", "value", nullptr);
  Json step = object_of("color", below ? "green" : "red", "value", number_json(signal.threshold_text));
  return object_of("mode", "absolute", "steps", Json::array({std::move(base), std::move(step)}));
}

std::string threshold_style(const PanelSignal& signal) {
  return signal.op == "==" || signal.op == "!=" ? "dashed" : "dashed+area";
}

std::string ref_id(size_t index) {
  return index < 26 ? std::string(1, static_cast<char>('A' + index)) : "Q" + std::to_string(index);
}

// Field settings of one signal: as the panel's defaults, or a per-query override.
// Grafana's own defaults (palette colours, line width, legend) are left out.
Json signal_defaults(const PanelSignal& signal) {
  Json defaults = object_of("unit", signal.unit);
  Json custom = Json::object();
  if (!signal.threshold_text.empty()) {
    defaults["thresholds"] = thresholds(signal);
    custom["thresholdsStyle"] = object_of("mode", threshold_style(signal));
  }
  if (signal.reference) custom["lineStyle"] = object_of("fill", "dash", "dash", Json::array({10, 10}));
  if (!custom.empty()) defaults["custom"] = std::move(custom);
  return defaults;
}

Json signal_override(const PanelSignal& signal, const std::string& ref) {
  Json properties = Json::array({{{"id", "unit"}, {"value", signal.unit}}});
  if (!signal.threshold_text.empty()) {
    properties.push_back({{"id", "thresholds"}, {"value", thresholds(signal)}});
    properties.push_back({{"id", "custom.thresholdsStyle"}, {"value", {{"mode", threshold_style(signal)}}}});
  }
  if (signal.reference) {
    properties.push_back({{"id", "custom.lineStyle"}, {"value", {{"fill", "dash"}, {"dash", Json::array({10, 10})}}}});
  }
  return {{"matcher", {{"id", "byFrameRefID"}, {"options", ref}}}, {"properties", properties}};
}

// The question, what the alert does, and the condition as written.
std::string branch_description(const PanelContext& context, int index) {
  const Node& node = context.model.nodes[index];
  std::string text = node.title;
  if (node.description != node.title) text += "\n\n" + node.description;
  if (const AlertRule* rule = context.alerts.rule_for_node(index)) {
    text += "\n\nAlert `" + rule->name + "` (" + context.model.priority_of(index).name + ") fires when this holds" +
            (rule->for_duration.ms > 0 ? " for " + rule->for_duration.text : "") +
            (node.depth > 0 ? " while its symptom holds on the same host" : "") + ":\n`" + node.when->expr + "`";
    if (rule->cluster) text += "\n\nCluster-scoped: one alert for the cluster, whichever hosts report it.";
  }
  return text;
}

// "Holds": value 1 shown red; absent means the node does not hold.
Json holds_mappings() {
  return Json::array({{{"type", "value"}, {"options", {{"1", {{"color", "red"}, {"index", 0}, {"text", "holds"}}}}}}});
}

// The node states on the hosts where the selected job and instance run, and
// the cluster-scoped nodes' states (no join_on labels) whatever is selected.
std::string holds_query(const PanelContext& context) {
  const Model& model = context.model;
  std::string on;
  for (const std::string& label : model.join_on) on += (on.empty() ? "" : ", ") + label;
  std::string metric = node_state_metric(model) + "{" + kServiceLabel + "=\"" + model.service + "\"";
  std::string query = metric + host_variable_filters(model) + "}\nand on (" + on + ") group by (" + on +
                      ") (up{job=~\"$job\", instance=~\"$instance\"})";
  if (model.has_cluster_scope()) query = "(\n" + query + "\n)\nor " + metric + no_host_filters(model) + "}";
  // Nodes with join sets of their own have records of their own, without the
  // host variables' labels to filter them by: shown whatever is selected.
  for (const std::string& other : node_state_metrics(model)) {
    if (other != node_state_metric(model)) query = "(\n" + query + "\n)\nor " + other + "{" + kServiceLabel + "=\"" + model.service + "\"}";
  }
  return query;
}

Json hidden_column(const std::string& name) {
  return {{"matcher", {{"id", "byName"}, {"options", name}}},
          {"properties", Json::array({{{"id", "custom.hidden"}, {"value", true}}})}};
}

// The column of label `name` headed `title` ("flowchart_node" as "node").
Json titled_column(const std::string& name, const std::string& title) {
  return {{"matcher", {{"id", "byName"}, {"options", name}}},
          {"properties", Json::array({{{"id", "displayName"}, {"value", title}}})}};
}

}  // namespace

std::string node_filters(const PanelContext& context, int node) {
  const std::vector<std::string>& own = context.model.join_of(node);
  if (own == context.model.join_on) return context.filters;
  std::string filters;  // the host variables of the labels its series carry
  for (const std::string& label : context.model.join_on) {
    if (std::find(own.begin(), own.end(), label) != own.end()) filters += label + "=~\"$" + label + "\", ";
  }
  return filters + "job=~\"$job\", instance=~\"$instance\"";
}

std::string host_variable_filters(const Model& model) {
  std::string filters;
  for (const std::string& label : model.join_on) filters += ", " + label + "=~\"$" + label + "\"";
  return filters;
}

std::string no_host_filters(const Model& model) {
  std::string filters;
  for (const std::string& label : model.join_on) filters += ", " + label + "=\"\"";
  return filters;
}

std::string jobs_regex(const Model& model) {
  std::string regex;
  for (const std::string& job : model.scrape_jobs()) regex += (regex.empty() ? "" : "|") + regex_literal(job);
  return regex;
}

Json datasource_ref() { return object_of("type", "prometheus", "uid", "${datasource}"); }

Json datasource_variable() {
  return {{"hide", 0}, {"includeAll", false}, {"label", "Prometheus"}, {"multi", false}, {"name", "datasource"},
          {"options", Json::array()}, {"query", "prometheus"}, {"refresh", 1}, {"regex", ""}, {"type", "datasource"}};
}

Json row_panel(int id, const std::string& title, int y) {
  return object_of("collapsed", false, "gridPos", grid({0, y, 24, 1}), "id", id, "panels", Json::array(), "title", title,
                   "type", "row");
}

Json holds_now_panel(const PanelContext& context, GridPos pos) {
  Json title_link = {{"title", "Runbook"}, {"url", "${__data.fields.runbook_url}"}, {"targetBlank", true}};
  Json overrides = Json::array({{{"matcher", {{"id", "byName"}, {"options", "title"}}},
                                 {"properties", Json::array({{{"id", "links"}, {"value", Json::array({title_link})}},
                                                             {{"id", "displayName"}, {"value", "Holds now"}}})}}});
  for (const char* hidden : {"Time", "Value", "__name__", kServiceLabel, "runbook_url"}) overrides.push_back(hidden_column(hidden));
  overrides.push_back(titled_column(kSymptomLabel, "symptom"));
  overrides.push_back(titled_column(kNodeLabel, "node"));
  return {{"datasource", datasource_ref()},
          {"description", "The symptoms and causes whose conditions hold now (with every ancestor's, on the same "
                          "host), from the recording rule " + node_state_metric(context.model) +
                          ". Click a title for its runbook section."},
          {"fieldConfig", {{"defaults", {{"unit", "short"}, {"noValue", "Nothing in the flowchart holds"}}},
                           {"overrides", overrides}}},
          {"gridPos", grid(pos)},
          {"id", 2},
          {"options", {{"showHeader", true}, {"cellHeight", "sm"}}},
          {"targets", Json::array({prometheus_target("A", holds_query(context), "", true)})},
          {"title", "Holds now"},
          {"type", "table"}};
}

Json holds_over_time_panel(const PanelContext& context, GridPos pos) {
  Json link = {{"title", "Runbook"}, {"url", "${__field.labels.runbook_url}"}, {"targetBlank", true}};
  std::string legend = "{{title}}";
  for (const std::string& label : context.model.join_on) legend += " {{" + label + "}}";
  return {{"datasource", datasource_ref()},
          {"description", "When each symptom and cause held over the dashboard's time range; a node that never "
                          "held is not shown. Click a state for its runbook section."},
          {"fieldConfig", {{"defaults", {{"unit", "short"}, {"color", {{"mode", "thresholds"}}},
                                         {"mappings", holds_mappings()}, {"links", Json::array({link})}}},
                           {"overrides", Json::array()}}},
          {"gridPos", grid(pos)},
          {"id", 3},
          {"options", {{"showValue", "never"}, {"mergeValues", true}, {"alignValue", "left"}, {"rowHeight", 0.8},
                       {"legend", {{"showLegend", false}, {"displayMode", "list"}, {"placement", "bottom"}}},
                       {"tooltip", {{"mode", "single"}, {"sort", "none"}}}}},
          {"targets", Json::array({prometheus_target("A", holds_query(context), legend, false)})},
          {"title", "Over the last hours"},
          {"type", "state-timeline"}};
}

Json branch_panel(const PanelContext& context, int index, GridPos pos) {
  const Node& node = context.model.nodes[index];
  bool cluster = context.model.is_cluster(index);
  std::vector<PanelSignal> signals = panel_signals(node.when->expr, cluster ? context.cluster_filters : node_filters(context, index));
  for (PanelSignal& signal : signals) {
    if (!node.unit.empty()) signal.unit = node.unit;  // the spec's `unit:` over what the condition suggests
  }
  Json targets = Json::array();
  Json overrides = Json::array();
  for (size_t i = 0; i < signals.size(); ++i) {
    targets.push_back(prometheus_target(ref_id(i), signals[i].query, "__auto", false));
    if (i > 0) overrides.push_back(signal_override(signals[i], ref_id(i)));
  }
  Json panel = object_of("datasource", datasource_ref(), "description", branch_description(context, index),
                         "fieldConfig",
                         object_of("defaults", signal_defaults(signals.front()), "overrides", std::move(overrides)),
                         "gridPos", grid(pos), "id", node_panel_id(index));
  if (node.runbook) panel["links"] = Json::array({runbook_link(*node.runbook)});
  panel["targets"] = std::move(targets);
  panel["title"] = node.title;
  panel["type"] = "timeseries";
  return panel;
}

Json manual_panel(const PanelContext& context, int index, GridPos pos) {
  const Node& node = context.model.nodes[index];
  std::string content = "**Manual step:** " + node.manual_reason;
  if (node.runbook) content += "\n\n[Runbook: " + (node.runbook->section.empty() ? node.runbook->path : node.runbook->section) + "](" + node.runbook->url + ")";
  Json panel = object_of("description", node.title + "\n\nA procedure, not a detectable fault: no alert watches it.",
                         "gridPos", grid(pos), "id", node_panel_id(index));
  if (node.runbook) panel["links"] = Json::array({runbook_link(*node.runbook)});
  panel["options"] = object_of("mode", "markdown", "content", content);
  panel["title"] = node.title;
  panel["type"] = "text";
  return panel;
}

}  // namespace symptree
