// The Alertmanager routing tree from the Incident Priority Matrix: one route
// per priority under one route for the service, with timing derived from the
// priority's response time, after any hand-written routes of the merge file.
// Also evaluates the tree, to predict the receivers of each alert.
#pragma once

#include <string>
#include <vector>

#include "generator/model/alert_plan.h"
#include "generator/model/am_matcher.h"
#include "generator/model/model.h"

namespace symptree {

// Notification timing for one priority.
struct RouteTiming {
  Duration group_wait;       // before the first notification of a new group
  Duration group_interval;   // before notifying about alerts added to a group
  Duration repeat_interval;  // before re-sending a notification still firing
};

// From the response time R: group_wait R/30 (at most 5m), group_interval R/6,
// repeat_interval 3 x group_interval. Alertmanager re-sends at the first
// group_interval tick after repeat_interval, so a still-firing alert is
// notified again within repeat_interval + group_interval = 2R/3 < R.
RouteTiming timing_for_response(const Duration& response);

// The latest a still-firing alert is notified again under `timing`.
Duration worst_repeat(const RouteTiming& timing);

// The receiver of alerts no route matches: `alertmanager.default_receiver`,
// else the least urgent priority's.
std::string default_receiver(const Model& model);

// `alertname` and the join labels.
std::vector<std::string> group_by_labels(const Model& model);

// The root route: default receiver, the merge file's routes, then the service's.
AmRoute build_route_tree(const Model& model);
// One tree for every service of a config repo: the default receiver they
// share, the merge file's routes once, then each service's route in order;
// grouped at the root by what the services' group_by have in common
// (`alertname` when they differ). check/service_set_check makes sure they
// share the default receiver and merge file.
AmRoute build_shared_route_tree(const std::vector<const Model*>& services);

// The labels an alert of `rule` always carries: alertname and the rule's labels.
LabelSet alert_labels(const AlertRule& rule);

// Where an alert ends up: a route's receiver and the timing Alertmanager
// applies there, each inherited from the nearest route that sets it
// (Alertmanager's defaults, 30s, 5m and 4h, above the root).
struct RouteMatch {
  std::string receiver;
  RouteTiming timing;
};

// The routes an alert with `labels` reaches, as Alertmanager decides it.
std::vector<RouteMatch> route_matches(const AmRoute& root, const LabelSet& labels);

// The receivers an alert with `labels` reaches, as Alertmanager decides it.
std::vector<std::string> route_receivers(const AmRoute& root, const LabelSet& labels);

}  // namespace symptree
