// The routing tree and its evaluation.
#include "generator/model/routing.h"

#include <algorithm>

#include "generator/model/alert_labels.h"

namespace symptree {
namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMaxGroupWait = 5 * 60 * kSecond;
constexpr int64_t kMaxGroupInterval = 24 * 3600 * kSecond;  // keeps repeats within Alertmanager's 120h retention

// Whole seconds, at least one.
Duration seconds(int64_t ms) { return duration_from_ms(std::max<int64_t>(kSecond, ms / kSecond * kSecond)); }

AmRoute priority_route(const Priority& priority) {
  RouteTiming timing = timing_for_response(priority.response);
  AmRoute route;
  route.matchers = {label_equals("priority", priority.name)};
  route.receiver = priority.receiver;
  route.group_wait = timing.group_wait;
  route.group_interval = timing.group_interval;
  route.repeat_interval = timing.repeat_interval;
  route.comment = priority.name + (priority.label.empty() || priority.label == priority.name ? "" : " " + priority.label) +
                  ": respond within " + priority.response.text + "; a firing alert is notified again within " +
                  worst_repeat(timing).text;
  return route;
}

// Evaluates one route whose matchers already hold; appends what it sends to.
// Alertmanager's own defaults for a root route that sets no timing.
RouteTiming alertmanager_default_timing() {
  return {duration_from_ms(30 * kSecond), duration_from_ms(5 * 60 * kSecond), duration_from_ms(4 * 3600 * kSecond)};
}

// `route` under a parent whose receiver and timing are `inherited`: what it sets itself wins.
RouteMatch inherit(const AmRoute& route, RouteMatch inherited) {
  if (!route.receiver.empty()) inherited.receiver = route.receiver;
  if (route.group_wait) inherited.timing.group_wait = *route.group_wait;
  if (route.group_interval) inherited.timing.group_interval = *route.group_interval;
  if (route.repeat_interval) inherited.timing.repeat_interval = *route.repeat_interval;
  return inherited;
}

// Alertmanager's matching: the first child that matches takes the alert (and
// the next ones too while `continue` is set); a route no child takes is the match.
void evaluate(const AmRoute& route, const RouteMatch& inherited, const LabelSet& labels,
              std::vector<RouteMatch>& matches) {
  RouteMatch here = inherit(route, inherited);
  size_t before = matches.size();
  for (const AmRoute& child : route.routes) {
    if (!matches_all(child.matchers, labels)) continue;
    evaluate(child, here, labels, matches);
    if (!child.continue_matching) return;
  }
  if (matches.size() == before) matches.push_back(here);
}

}  // namespace

std::string default_receiver(const Model& model) {
  if (!model.alertmanager.default_receiver.empty()) return model.alertmanager.default_receiver;
  return model.priorities.empty() ? "" : model.priorities.back().receiver;
}

RouteTiming timing_for_response(const Duration& response) {
  RouteTiming timing;
  timing.group_wait = seconds(std::min(response.ms / 30, kMaxGroupWait));
  timing.group_interval = seconds(std::min(response.ms / 6, kMaxGroupInterval));
  timing.repeat_interval = duration_from_ms(3 * timing.group_interval.ms);
  return timing;
}

Duration worst_repeat(const RouteTiming& timing) {
  return duration_from_ms(timing.repeat_interval.ms + timing.group_interval.ms);
}

std::vector<std::string> group_by_labels(const Model& model) {
  std::vector<std::string> labels = {"alertname"};
  std::vector<std::string> join = model.all_join_labels();  // each alert carries its node's
  labels.insert(labels.end(), join.begin(), join.end());
  return labels;
}

namespace {

// The service's route: its alerts by the Incident Priority Matrix.
AmRoute service_route(const Model& model) {
  AmRoute service;
  service.matchers = {label_equals(kServiceLabel, model.service)};
  service.group_by = group_by_labels(model);
  service.comment = "the flowchart's alerts, by the Incident Priority Matrix";
  for (const Priority& priority : model.priorities) service.routes.push_back(priority_route(priority));
  return service;
}

std::vector<AmRoute> merged_routes(const Model& model) {
  std::vector<AmRoute> routes = model.alertmanager.merged_routes;
  for (AmRoute& route : routes) route.comment = "from " + model.alertmanager.merge_file;
  return routes;
}

}  // namespace

AmRoute build_route_tree(const Model& model) {
  AmRoute root;
  root.receiver = default_receiver(model);
  root.group_by = group_by_labels(model);
  root.routes = merged_routes(model);
  root.routes.push_back(service_route(model));
  return root;
}

AmRoute build_shared_route_tree(const std::vector<const Model*>& services) {
  AmRoute root;
  const Model& first = *services.front();
  root.receiver = default_receiver(first);
  for (const std::string& label : group_by_labels(first)) {  // what every service groups by
    bool everywhere = true;
    for (const Model* model : services) {
      std::vector<std::string> own = group_by_labels(*model);
      everywhere = everywhere && std::find(own.begin(), own.end(), label) != own.end();
    }
    if (everywhere) root.group_by.push_back(label);
  }
  for (const Model* model : services) {
    if (model->alertmanager.merge_file.empty()) continue;
    root.routes = merged_routes(*model);
    break;
  }
  for (const Model* model : services) {
    root.routes.push_back(service_route(*model));
    root.routes.back().comment = model->service + ": " + root.routes.back().comment;
  }
  return root;
}

LabelSet alert_labels(const AlertRule& rule) {
  LabelSet labels(rule.labels.begin(), rule.labels.end());
  labels["alertname"] = rule.name;
  return labels;
}

std::vector<RouteMatch> route_matches(const AmRoute& root, const LabelSet& labels) {
  std::vector<RouteMatch> matches;
  evaluate(root, {root.receiver, alertmanager_default_timing()}, labels, matches);
  return matches;
}

std::vector<std::string> route_receivers(const AmRoute& root, const LabelSet& labels) {
  std::vector<std::string> receivers;
  for (const RouteMatch& match : route_matches(root, labels)) receivers.push_back(match.receiver);
  return receivers;
}

}  // namespace symptree
