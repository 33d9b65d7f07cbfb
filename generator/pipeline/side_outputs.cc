// Rendering the rules, Alertmanager, docs and dashboard as tasks.
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

enum Task : size_t { kDashboard, kDocs, kRules, kRouteTests, kConfigs, kTaskCount };

}  // namespace

SideOutputsJob::SideOutputsJob(const Model& model, const AlertPlan& alerts, const AmRoute& routes, const OutputSet& files)
    : model_(model), alerts_(alerts), routes_(routes) {
  for (size_t task = 0; task < kTaskCount; ++task) rendered_.push_back({files.sibling(), {}, false});
}

std::vector<std::function<void()>> SideOutputsJob::tasks() {
  std::vector<std::function<void()>> tasks;
  for (size_t task = 0; task < kTaskCount; ++task) tasks.push_back([this, task] { render(task); });
  return tasks;
}

void SideOutputsJob::render(size_t task) {
  Rendered& slot = rendered_[task];
  OutputSet& files = slot.files;
  switch (static_cast<Task>(task)) {
    case kDashboard:
      files.add(dashboard_path(model_), render_dashboard(model_, alerts_, dashboard_lint(model_, slot.lints)));
      break;
    case kDocs:
      add_flowchart_docs(model_, alerts_, files);
      break;
    case kRules:
      render_rule_files(model_, alerts_, [&](const std::string& path, std::string content) { files.add(path, std::move(content)); });
      break;
    case kRouteTests:
      files.add(kRouteTestsPath, render_route_tests(model_, alerts_, routes_));
      break;
    case kConfigs:
      files.add(kAlertmanagerConfigPath, render_alertmanager_config(model_, routes_));
      add_prometheus_configs(model_, files);  // with `deployment:` only
      add_alertmanager_cluster_files(model_, files);
      break;
    case kTaskCount:
      break;
  }
  slot.done = true;
}

void SideOutputsJob::finish(OutputSet& outputs, Diagnostics& diagnostics) {
  for (size_t task = 0; task < rendered_.size(); ++task) {
    if (!rendered_[task].done) render(task);
    outputs.merge(std::move(rendered_[task].files));
    for (const Diagnostic& lint : rendered_[task].lints.errors()) diagnostics.error(lint.where, lint.message, lint.hint);
  }
}

}  // namespace symptree
