// Checks of the Alertmanager configuration that need the alert plan: no
// inhibit rule may match one alert as both source and target, since alerts of
// that kind (all absence alerts share one name) would then mute each other.
#pragma once

#include "common/diagnostics.h"
#include "generator/model/alert_plan.h"

namespace symptree {

void check_alertmanager(const Model& model, const AlertPlan& alerts, Diagnostics& diagnostics);

}  // namespace symptree
