// Rendering the rules, Alertmanager, docs and dashboard on a second thread.
#include "generator/pipeline/side_outputs.h"

#include "generator/check/dashboard_lint.h"
#include "generator/emit/alertmanager_cluster_emitter.h"
#include "generator/emit/alertmanager_emitter.h"
#include "generator/emit/docs_outputs.h"
#include "generator/emit/grafana_dashboard.h"
#include "generator/emit/prometheus_config_emitter.h"
#include "generator/emit/rules_emitter.h"
#include "generator/model/grafana_ids.h"
#include "generator/pipeline/output_paths.h"

namespace symptree {
namespace {

SideOutputsJob::Rendered render_side_outputs(const Model& model, const AlertPlan& alerts, const AmRoute& routes,
                                             OutputSet files) {
  SideOutputsJob::Rendered result;
  result.files = std::move(files);
  for (auto& [path, content] : render_rule_files(model, alerts)) result.files.add(path, std::move(content));
  result.files.add(kAlertmanagerConfigPath, render_alertmanager_config(model, routes));
  result.files.add(kRouteTestsPath, render_route_tests(model, alerts, routes));
  add_prometheus_configs(model, result.files);          // with `deployment:` only
  add_alertmanager_cluster_files(model, result.files);
  add_flowchart_docs(model, alerts, result.files);
  result.files.add(dashboard_path(model), render_dashboard(model, alerts, dashboard_lint(model, result.lints)));
  return result;
}

}  // namespace

SideOutputsJob::SideOutputsJob(const Model& model, const AlertPlan& alerts, const AmRoute& routes,
                               OutputSet files)
    : rendered_(std::async(std::launch::async, render_side_outputs, std::cref(model), std::cref(alerts),
                           std::cref(routes), std::move(files))) {}

void SideOutputsJob::finish(OutputSet& outputs, Diagnostics& diagnostics) {
  Rendered rendered = rendered_.get();
  outputs.merge(std::move(rendered.files));
  for (const Diagnostic& lint : rendered.lints.errors()) diagnostics.error(lint.where, lint.message, lint.hint);
}

}  // namespace symptree
