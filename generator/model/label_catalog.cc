// The label catalogue of a spec's metrics.
#include "generator/model/label_catalog.h"

#include "common/probe_catalog.h"

namespace symptree {

promql::LabelCatalog label_catalog(const Model& model) {
  std::set<std::string> target_labels(model.join_on.begin(), model.join_on.end());
  target_labels.insert({"job", "instance", "__name__"});
  // With `deployment:` symptree writes the scrape config, so the targets' labels are known.
  if (model.deployment) {
    for (const DeploymentHost& host : model.deployment->hosts) {
      for (const auto& [label, value] : host.labels) target_labels.insert(label);
    }
  }
  promql::LabelCatalog catalog;
  // symptree-exporter's series carry their catalogue labels and the target's, no
  // other when symptree writes the scrape config (`deployment:`).
  auto add = [&](const std::string& name, const std::vector<std::string>& labels, bool complete) {
    promql::MetricLabels& entry = catalog[name];
    entry.always = target_labels;
    entry.always.insert(labels.begin(), labels.end());
    entry.complete = complete;
  };
  for (const ProbeKind& kind : probe_catalog()) {
    for (const MetricInfo& info : kind.metrics) add(info.name, info.labels, model.deployment.has_value());
  }
  for (const MetricInfo& info : exporter_self_metrics()) add(info.name, info.labels, model.deployment.has_value());
  for (const AppMetric& app : model.app_metrics) add(app.name, {}, false);
  // A declared source's series carry its own labels, instance and job, and
  // no other: not the join_on labels it does not list (its target is not the host's).
  for (const Node& node : model.nodes) {
    if (!node.when) continue;
    for (const MetricReference& ref : node.when->analysis.metrics) {
      const Source* source = model.source_of(ref.name);
      if (!source) continue;
      promql::MetricLabels& entry = catalog[ref.name];
      entry.always = {"job", "instance", "__name__"};
      entry.always.insert(source->labels.begin(), source->labels.end());
      entry.complete = true;  // `labels:` lists them all: a join label it lacks is one the series do not have
    }
  }
  return catalog;
}

}  // namespace symptree
