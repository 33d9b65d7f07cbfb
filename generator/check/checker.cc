// Runs every check in order.
#include "generator/check/checker.h"

#include "generator/check/process.h"

namespace symptree {

void check_model(const Model& model, const CheckOptions& options, Diagnostics& diagnostics) {
  check_metrics(model, diagnostics);
  check_runbooks(model, options.spec_dir, diagnostics);
  if (options.use_promtool && find_in_path(options.promtool)) check_promql(model, options.promtool, diagnostics);
}

}  // namespace symptree
