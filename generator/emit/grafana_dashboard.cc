// The dashboard: variables, alert annotations, and the panels laid out in
// flowchart order, rendered panel by panel.
#include "generator/emit/grafana_dashboard.h"

#include "common/quoting.h"
#include "generator/emit/compact_json.h"
#include "generator/emit/grafana_panels.h"
#include "generator/emit/yaml_writer.h"
#include "generator/model/alert_labels.h"
#include "generator/model/grafana_ids.h"

namespace symptree {
namespace {

constexpr const char* kPanelsPlaceholder = "\"__symptree_panels__\"";

// A multi-value query variable whose "All" matches any value, absent included.
Json query_variable(const std::string& name, const std::string& query) {
  return {{"allValue", ".*"},
          {"current", {{"selected", true}, {"text", Json::array({"All"})}, {"value", Json::array({"$__all"})}}},
          {"datasource", datasource_ref()},
          {"hide", 0},
          {"includeAll", true},
          {"label", name},
          {"multi", true},
          {"name", name},
          {"options", Json::array()},
          {"query", query},
          {"refresh", 2},
          {"regex", ""},
          {"sort", 1},
          {"type", "query"}};
}

// datasource, job (the service's, the exporter's and each source's), each join label, instance.
Json templating(const Model& model) {
  Json list = Json::array();
  list.push_back(datasource_variable());
  std::string jobs = jobs_regex(model);
  list.push_back(query_variable("job", "label_values(up{job=~\"" + jobs + "\"}, job)"));
  for (const std::string& label : model.join_on) {
    list.push_back(query_variable(label, "label_values(up{job=~\"$job\"}, " + label + ")"));
  }
  list.push_back(
      query_variable("instance", "label_values(up{job=~\"$job\"" + host_variable_filters(model) + "}, instance)"));
  return {{"list", list}};
}

// Grafana's own annotations, and the service's firing alerts from ALERTS.
Json annotations(const Model& model) {
  Json builtin = {{"builtIn", 1}, {"datasource", {{"type", "grafana"}, {"uid", "-- Grafana --"}}}, {"enable", true},
                  {"hide", true}, {"iconColor", "rgba(0, 211, 255, 1)"}, {"name", "Annotations & Alerts"},
                  {"type", "dashboard"}};
  std::string alerts_expr = "ALERTS{alertstate=\"firing\", " + std::string(kServiceLabel) + "=\"" + model.service + "\"";
  std::string expr = alerts_expr + host_variable_filters(model) + "}";
  if (model.has_cluster_scope()) {  // cluster-scoped alerts have no join_on labels: shown whatever host is chosen
    expr += " or " + alerts_expr + no_host_filters(model) + "}";
  }
  Json target = {{"expr", expr},
                 {"interval", "1m"}, {"refId", "Alerts"}};
  Json alerts = {{"datasource", datasource_ref()}, {"enable", true}, {"iconColor", "red"},
                 {"name", "Firing alerts"}, {"target", target}, {"tagKeys", std::string("alertname,priority,") + kNodeLabel},
                 {"titleFormat", "{{alertname}}"}, {"textFormat", "{{priority}} {{" + std::string(kNodeLabel) + "}}"}};
  return {{"list", Json::array({builtin, alerts})}};
}

Json skeleton(const Model& model) {
  Json links = Json::array({{{"asDropdown", false}, {"icon", "doc"}, {"includeVars", false}, {"keepTime", false},
                             {"tags", Json::array()}, {"targetBlank", true}, {"title", "Runbooks"},
                             {"tooltip", model.runbook_base_url}, {"type", "link"}, {"url", model.runbook_base_url}}});
  return {{"annotations", annotations(model)},
          {"description", generated_header(model, "")},
          {"editable", false},
          {"graphTooltip", 1},
          {"links", links},
          {"panels", "__symptree_panels__"},
          {"refresh", "1m"},
          {"schemaVersion", kSchemaVersion},
          {"tags", Json::array({"symptree", model.service})},
          {"templating", templating(model)},
          {"time", {{"from", "now-6h"}, {"to", "now"}}},
          {"timezone", ""},
          {"title", model.title},
          {"uid", dashboard_uid(model)},
          {"version", 1}};
}

// Writes the dashboard text: the skeleton up to its "panels" value, each panel
// as it comes on one line (a diff shows which panels changed; a 10,000-branch
// dashboard stays small), then the rest.
class PanelWriter {
 public:
  PanelWriter(const DashboardInspector& inspector, const std::string& skeleton_text, size_t expected_panels)
      : inspector_(inspector), at_(skeleton_text.find(kPanelsPlaceholder)), skeleton_(skeleton_text) {
    out_.reserve(skeleton_text.size() + expected_panels * 2048);  // address space; untouched pages cost nothing
    out_.append(skeleton_text, 0, at_);
    out_ += "[";
  }
  void add(const Json& panel, int node) {
    if (inspector_.panel) inspector_.panel(panel, node);
    out_ += count_++ ? ",\n    " : "\n    ";
    append_compact_json(out_, panel);
  }
  std::string finish() {
    out_ += count_ ? "\n  ]" : "]";
    out_.append(skeleton_, at_ + std::string(kPanelsPlaceholder).size(), std::string::npos);
    return std::move(out_);
  }

 private:
  const DashboardInspector& inspector_;
  size_t at_;
  const std::string& skeleton_;
  std::string out_;
  size_t count_ = 0;
};

// The panels of one symptom section, three a line; returns the next free y.
int write_section(const PanelContext& context, size_t ordinal, int root, int end, int y, PanelWriter& writer) {
  const Model& model = context.model;
  writer.add(row_panel(section_row_id(root), std::to_string(ordinal + 1) + ". " + model.nodes[root].title, y), root);
  ++y;
  int column = 0;
  for (int index = root; index < end; ++index) {
    NodeKind kind = model.nodes[index].kind;
    if (kind == NodeKind::Group) continue;
    GridPos pos{column * 8, y, 8, 8};
    writer.add(kind == NodeKind::Alert ? branch_panel(context, index, pos) : manual_panel(context, index, pos), index);
    if (++column == 3) {
      column = 0;
      y += 8;
    }
  }
  return column ? y + 8 : y;
}

}  // namespace

std::string render_dashboard(const Model& model, const AlertPlan& alerts, const DashboardInspector& inspector) {
  Json dashboard = skeleton(model);
  if (inspector.dashboard) inspector.dashboard(dashboard);
  std::string skeleton_text = dashboard.dump(2) + "\n";
  std::string filters;
  for (const std::string& label : model.join_on) filters += label + "=~\"$" + label + "\", ";
  PanelContext context{model, alerts, filters + "job=~\"$job\", instance=~\"$instance\"", "job=~\"$job\""};
  PanelWriter writer(inspector, skeleton_text, model.nodes.size() + model.roots.size() + 3);
  writer.add(row_panel(1, "Where are we in the flowchart", 0), -1);
  writer.add(holds_now_panel(context, {0, 1, 10, 9}), -1);
  writer.add(holds_over_time_panel(context, {10, 1, 14, 9}), -1);
  int y = 10;
  for (size_t r = 0; r < model.roots.size(); ++r) {
    int end = r + 1 < model.roots.size() ? model.roots[r + 1] : static_cast<int>(model.nodes.size());
    y = write_section(context, r, model.roots[r], end, y, writer);
  }
  return writer.finish();
}

}  // namespace symptree
