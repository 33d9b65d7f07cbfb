// The checks across the services of a config repo; each error names the
// second service's spec and the first one's.
#include "generator/check/service_set_check.h"

#include <map>
#include <set>

#include "generator/model/grafana_ids.h"
#include "generator/model/routing.h"

namespace symptree {
namespace {

std::string service_of(const ServicePlan& plan) { return "service '" + plan.model->service + "' (" + plan.spec_path + ")"; }

void check_service_names(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  std::map<std::string, const ServicePlan*> seen;
  for (const ServicePlan& plan : services) {
    auto [it, fresh] = seen.emplace(plan.model->service, &plan);
    if (!fresh) {
      diagnostics.error(plan.where(), "service '" + plan.model->service + "' is also the service of " +
                                                 it->second->spec_path,
                        "each spec of a config repo describes a service of its own");
    }
  }
}

// Where a key of the spec is written (perhaps in an included file), else the spec's `service:`.
SourcePosition written_or(const SourcePosition& key, const ServicePlan& plan) {
  return key.line > 0 ? key : plan.where();
}

SourcePosition rule_position(const ServicePlan& plan, const AlertRule& rule) {
  return rule.node >= 0 ? plan.model->nodes[rule.node].where : plan.where();
}

// Alert names and rule groups: an alert of one service must not be taken for another's.
void check_rule_names(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  std::map<std::string, const ServicePlan*> alert_owner;  // rule groups are <service>.<symptom>: distinct with the services
  for (const ServicePlan& plan : services) {
    std::set<std::string> clashed;  // with each other service, reported once with a count
    std::map<const ServicePlan*, std::pair<const AlertRule*, int>> first_clash;
    for (const AlertRule& rule : plan.alerts->rules) {
      auto it = alert_owner.find(rule.name);
      if (it != alert_owner.end() && it->second != &plan) {
        auto& [first, count] = first_clash[it->second];
        if (!first) first = &rule;
        if (clashed.insert(rule.name).second) ++count;
      }
    }
    for (const auto& [other, clash] : first_clash) {
      std::string more = clash.second > 1 ? " (and " + std::to_string(clash.second - 1) + " more)" : "";
      diagnostics.error(rule_position(plan, *clash.first),
                        "alert '" + clash.first->name + "'" + more + " is also an alert of " + service_of(*other),
                        "give the services different alert_prefix values");
    }
    for (const AlertRule& rule : plan.alerts->rules) alert_owner.emplace(rule.name, &plan);
  }
}

bool same_receiver(const Receiver& a, const Receiver& b) { return a.kind == b.kind && a.fields == b.fields; }

void check_receivers_agree(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  std::map<std::string, std::pair<const Receiver*, const ServicePlan*>> seen;
  for (const ServicePlan& plan : services) {
    for (const std::string& merged : plan.model->alertmanager.merged_receiver_names) {
      for (const ServicePlan& other : services) {
        for (const Receiver& receiver : other.model->receivers) {
          if (receiver.name != merged) continue;
          diagnostics.error(receiver.where, "receiver '" + merged + "' is also a receiver of the merge file " +
                                                plan.model->alertmanager.merge_path + "; one Alertmanager has one "
                                                "receiver per name",
                            "rename one of them");
        }
      }
    }
    for (const Receiver& receiver : plan.model->receivers) {
      auto [it, fresh] = seen.emplace(receiver.name, std::make_pair(&receiver, &plan));
      if (fresh || same_receiver(receiver, *it->second.first)) continue;
      diagnostics.error(receiver.where, "receiver '" + receiver.name + "' differs from the receiver of that name at " +
                                            it->second.first->where.to_string() + " (service '" +
                                            it->second.second->model->service + "'); one Alertmanager has one receiver per name",
                        "define shared receivers once in a file the specs include, or give this one another name");
    }
  }
}

// One Alertmanager: the services must agree on what is written once, the
// merge file included (its routes come before every service's, so a service
// that does not name it would be routed by it all the same).
void check_alertmanager_agree(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  const ServicePlan& first = services.front();
  for (const ServicePlan& plan : services) {
    const AlertmanagerSettings& settings = plan.model->alertmanager;
    if (default_receiver(*plan.model) != default_receiver(*first.model)) {
      diagnostics.error(written_or(settings.default_receiver_where, plan),
                        "the default receiver is '" + default_receiver(*plan.model) + "', but '" +
                            default_receiver(*first.model) + "' for " + service_of(first),
                        "one Alertmanager has one default receiver: set alertmanager.default_receiver in a file "
                        "every spec includes");
    }
    if (settings.version.text() != first.model->alertmanager.version.text()) {
      diagnostics.error(written_or(settings.version_where, plan),
                        "targets Alertmanager " + settings.version.text() + ", but " + service_of(first) +
                            " targets " + first.model->alertmanager.version.text(),
                        "set alertmanager.version once, in a file every spec includes");
    }
    const std::string& merge = settings.merge_path;
    const std::string& merge_first = first.model->alertmanager.merge_path;
    if (merge != merge_first) {
      diagnostics.error(written_or(settings.merge_where, plan),
                        "merges " + (merge.empty() ? "no file" : merge) + " into the Alertmanager config, but " +
                            service_of(first) + " merges " + (merge_first.empty() ? "none" : merge_first),
                        "one Alertmanager config takes one merge file, for every service: set "
                        "alertmanager.merge in a file every spec includes");
    }
  }
}

// What else must differ between services: their dashboards' uids (and the
// overview's), and the Prometheus job of each service's own metrics.
void check_distinct_targets(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  std::map<std::string, const ServicePlan*> uids = {{kOverviewDashboardUid, nullptr}}, jobs;
  for (const ServicePlan& plan : services) {
    auto [uid, fresh_uid] = uids.emplace(dashboard_uid(*plan.model), &plan);
    if (!fresh_uid) {
      diagnostics.error(plan.where(), "dashboard uid '" + uid->first + "' is also the uid of " +
                                                 (uid->second ? service_of(*uid->second) : "the overview dashboard"),
                        "set grafana.uid to one of its own");
    }
    auto [job, fresh_job] = jobs.emplace(plan.model->service_job, &plan);
    if (!fresh_job) {
      diagnostics.error(plan.where(), "job '" + job->first + "' is also the job of " +
                                                 service_of(*job->second) +
                                                 ": each would read the other's targets (up, absence alerts)",
                        "set jobs.service to the job that scrapes this service");
    }
  }
}

}  // namespace

void check_service_set(const std::vector<ServicePlan>& services, Diagnostics& diagnostics) {
  if (services.empty()) return;
  size_t before = diagnostics.count();
  check_service_names(services, diagnostics);
  if (diagnostics.count() > before) return;  // two specs of one service: their alerts, uids and jobs clash too
  check_rule_names(services, diagnostics);
  check_receivers_agree(services, diagnostics);
  check_alertmanager_agree(services, diagnostics);
  check_distinct_targets(services, diagnostics);
}

}  // namespace symptree
