// prometheus.yml (or prometheus-<replica>.yml) from `deployment:`.
#include "generator/emit/prometheus_config_emitter.h"

#include <algorithm>

#include "generator/emit/yaml_writer.h"

namespace symptree {
namespace {

void write_global(YamlWriter& out, const PrometheusDeployment& prometheus, const std::string& replica) {
  out.key(0, "global");
  out.entry(2, "scrape_interval", prometheus.scrape_interval.text);
  out.entry(2, "evaluation_interval", prometheus.evaluation_interval.text);
  std::map<std::string, std::string> labels = prometheus.external_labels;
  if (!replica.empty()) labels[prometheus.replica_label] = replica;
  if (labels.empty()) return;
  out.key(2, "external_labels");
  out.string_map(4, labels);
}

void write_alerting(YamlWriter& out, const Deployment& deployment) {
  out.comment("Alerts go to every peer of the Alertmanager cluster. Every replica sends the same alerts;");
  out.comment("without the replica label they are identical, so Alertmanager deduplicates them.");
  out.key(0, "alerting");
  out.key(2, "alert_relabel_configs");
  out.item_entry(4, "action", "labeldrop");
  out.entry(6, "regex", deployment.prometheus.replica_label);
  out.key(2, "alertmanagers");
  out.item_key(4, "static_configs");
  out.item_key(8, "targets");
  for (const AlertmanagerPeer& peer : deployment.alertmanagers) out.item(12, peer.address);
}

// One job: a static target per host, carrying the host's join_on labels.
void write_job(YamlWriter& out, const Model& model, const std::string& job, bool exporter) {
  out.item_entry(2, "job_name", job);
  out.key(4, "static_configs");
  for (const DeploymentHost& host : model.deployment->hosts) {
    const std::string& target = exporter ? host.exporter : host.service;
    out.item_key(6, "targets");
    out.item(10, target);
    std::map<std::string, std::string> labels = host.labels;
    labels[model.join_on.front()] = host.name;
    out.key(8, "labels");
    out.string_map(10, labels);
  }
}

// Whether the scrape configuration puts `label` on the source's targets: one
// it lists, and, when it says which (`target_labels:`), one of those (a
// kube-state-metrics' `namespace` is its series', not its target's).
bool sets_on_target(const Source& source, const std::string& label) {
  if (!source.carries(label)) return false;
  if (!source.target_labels) return true;
  return std::find(source.target_labels->begin(), source.target_labels->end(), label) != source.target_labels->end();
}

// A declared source's job: a target on each host that runs it, with the
// host's target labels the source lists (its series carry no others). Its
// series' own labels win over the target's (honor_labels): kube-state-metrics'
// `namespace` is the object's, which a target label of the same name would
// otherwise move to `exported_namespace`; a series without the label (a
// postgres_exporter's without `host`) still gets the target's.
void write_source_job(YamlWriter& out, const Model& model, const Source& source) {
  out.item_entry(2, "job_name", source.job);
  out.bool_entry(4, "honor_labels", true);
  out.key(4, "static_configs");
  for (const DeploymentHost& host : model.deployment->hosts) {
    auto target = host.sources.find(source.name);
    if (target == host.sources.end()) continue;
    out.item_key(6, "targets");
    out.item(10, target->second);
    std::map<std::string, std::string> labels = host.labels;
    labels[model.join_on.front()] = host.name;
    for (auto it = labels.begin(); it != labels.end();) it = sets_on_target(source, it->first) ? std::next(it) : labels.erase(it);
    if (labels.empty()) continue;
    out.key(8, "labels");
    out.string_map(10, labels);
  }
}

void write_scrape_configs(YamlWriter& out, const Model& model) {
  out.comment("The service and symptree-exporter are different targets of one host: both carry its " +
              model.join_on.front() + " label, which the rules join on.");
  out.key(0, "scrape_configs");
  write_job(out, model, model.service_job, false);
  bool has_exporter = !model.deployment->hosts.empty() && !model.deployment->hosts.front().exporter.empty();
  if (has_exporter) write_job(out, model, model.exporter_job, true);
  for (const Source& source : model.sources) write_source_job(out, model, source);
}

}  // namespace

std::string prometheus_config_path(const std::string& replica) {
  return replica.empty() ? "prometheus/prometheus.yml" : "prometheus/prometheus-" + replica + ".yml";
}

std::string render_prometheus_config(const Model& model, const std::string& replica) {
  const Deployment& deployment = *model.deployment;
  const PrometheusDeployment& prometheus = deployment.prometheus;
  YamlWriter out;
  out.comment(generated_header(model, ""));
  if (!replica.empty()) {
    out.comment("Prometheus replica " + replica + " of " + std::to_string(prometheus.replicas.size()) +
                ": the replicas' files differ only in the '" + prometheus.replica_label + "' external label.");
  }
  write_global(out, prometheus, replica);
  out.key(0, "rule_files");
  // Every rule file of the folder (prometheus/rules/, one per rule group).
  out.item(2, (prometheus.rule_files_dir.empty() ? "rules" : prometheus.rule_files_dir) + "/*.yml");
  write_alerting(out, deployment);
  write_scrape_configs(out, model);
  return out.take();
}

void add_prometheus_configs(const Model& model, OutputSet& outputs) {
  if (!model.deployment) return;
  const std::vector<std::string>& replicas = model.deployment->prometheus.replicas;
  if (replicas.empty()) {
    outputs.add(prometheus_config_path(""), render_prometheus_config(model, ""));
    return;
  }
  for (const std::string& replica : replicas) {
    outputs.add(prometheus_config_path(replica), render_prometheus_config(model, replica));
  }
}

}  // namespace symptree
