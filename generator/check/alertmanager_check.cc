// Inhibit rules that could let alerts mute their own kind.
#include "generator/check/alertmanager_check.h"

#include "generator/model/alert_labels.h"
#include "generator/model/routing.h"

namespace symptree {
namespace {

// The flowchart_* label that replaced `label` (symptree's label names before issue 13), or nullptr.
const char* renamed_label(const std::string& label) {
  if (label == "service") return kServiceLabel;
  if (label == "symptom") return kSymptomLabel;
  if (label == "node") return kNodeLabel;
  return nullptr;
}

// Whether `matcher` would have matched one of this spec's alerts by its old
// label: service="<the service>", or symptom/node set to one of its node ids.
bool matched_old_label(const Model& model, const AmMatcher& matcher) {
  if (matcher.op != "=" && matcher.op != "=~") return false;
  std::vector<std::string> values;
  if (matcher.label == "service") values.push_back(model.service);
  else
    for (const Node& node : model.nodes) values.push_back(node.id);
  for (const std::string& value : values) {
    if (matches_all({matcher}, {{matcher.label, value}})) return true;
  }
  return false;
}

void check_old_labels(const Model& model, const std::vector<AmMatcher>& matchers, Diagnostics& diagnostics) {
  for (const AmMatcher& matcher : matchers) {
    const char* renamed = renamed_label(matcher.label);
    if (!renamed || !matched_old_label(model, matcher)) continue;
    diagnostics.error(matcher.where,
                      "symptree's alerts carry '" + std::string(renamed) + "', not '" + matcher.label +
                          "': this matcher no longer matches them",
                      "write " + std::string(renamed) + matcher.op + "\"" + matcher.value +
                          "\" (README: \"Migrating to the flowchart_* labels\")");
  }
}

void check_old_labels(const Model& model, const AmRoute& route, Diagnostics& diagnostics) {
  check_old_labels(model, route.matchers, diagnostics);
  for (const AmRoute& child : route.routes) check_old_labels(model, child, diagnostics);
}

}  // namespace

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
  for (const AmRoute& route : model.alertmanager.merged_routes) check_old_labels(model, route, diagnostics);
  for (const AmInhibitRule& rule : model.alertmanager.merged_inhibit_rules) {
    check_old_labels(model, rule.source, diagnostics);
    check_old_labels(model, rule.target, diagnostics);
  }
}

}  // namespace symptree
