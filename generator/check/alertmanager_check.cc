// Inhibit rules that could let alerts mute their own kind.
#include "generator/check/alertmanager_check.h"

#include "generator/model/routing.h"

namespace symptree {

void check_alertmanager(const Model& model, const AlertPlan& alerts, Diagnostics& diagnostics) {
  for (const AmInhibitRule& rule : model.alertmanager.merged_inhibit_rules) {
    for (const AlertRule& alert : alerts.rules) {
      LabelSet labels = alert_labels(alert);
      if (!matches_all(rule.source, labels) || !matches_all(rule.target, labels)) continue;
      diagnostics.error(rule.where, "this inhibit rule matches " + alert.name + " as both source and target",
                        "alerts of " + alert.name + " would mute each other; narrow target_matchers or source_matchers");
      break;
    }
  }
}

}  // namespace symptree
