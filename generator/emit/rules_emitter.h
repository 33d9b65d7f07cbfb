// prometheus/rules/<group>.yml: the rules of the plan, one file per rule group
// (one per symptom section, a section of more than 20 rules split into
// <section>.2, ...; the absence groups likewise: model/alert_plan.h), so that
// a test file loads only the rules its alerts need and a deployment loads the folder.
#pragma once

#include <functional>
#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

// "prometheus/rules/<group>.yml", the path of a group's rule file in the outputs.
std::string rule_file_path(const std::string& group);

// Receives a rendered file: its path in the outputs and its content.
using RuleFileSink = std::function<void(const std::string& path, std::string content)>;

// Hands each group's rule file to `add` as soon as it is rendered (a
// 10,000-branch spec's rules are 30 MB: never all held), in the order of
// AlertPlan::groups.
// In a group the node records come first, in tree order, then the alerts: a
// record or alert that joins its parent's record reads it at the same
// evaluation (Prometheus evaluates a group's rules in order). No rule reads a
// record of another group: groups are evaluated independently.
void render_rule_files(const Model& model, const AlertPlan& alerts, const RuleFileSink& add);

}  // namespace symptree
