// Rendering the dashboard beside the test planning.
#include "generator/emit/grafana_output.h"

#include "generator/check/dashboard_lint.h"
#include "generator/emit/grafana_dashboard.h"
#include "generator/model/grafana_ids.h"

namespace symptree {

DashboardJob::DashboardJob(const Model& model, const AlertPlan& alerts)
    : model_(model),
      text_(std::async(std::launch::async,
                       [this, &alerts] { return render_dashboard(model_, alerts, dashboard_lint(model_, lints_)); })) {}

void DashboardJob::finish(OutputSet& outputs, Diagnostics& diagnostics) {
  outputs.add(dashboard_path(model_), text_.get());
  for (const Diagnostic& lint : lints_.errors()) diagnostics.error(lint.where, lint.message, lint.hint);
}

}  // namespace symptree
