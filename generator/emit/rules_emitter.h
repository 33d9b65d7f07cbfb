// prometheus/rules.yml: the alerting rules of the plan, one group per symptom
// section plus the absence group.
#pragma once

#include <string>

#include "generator/model/alert_plan.h"

namespace symptree {

std::string render_rules(const Model& model, const AlertPlan& alerts);

}  // namespace symptree
