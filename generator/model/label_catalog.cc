// The label catalogue of a spec's metrics.
#include "generator/model/label_catalog.h"

#include <algorithm>

#include "common/probe_catalog.h"

namespace symptree {
namespace {

// Whether every series of `source` carries `label` (one of its `labels`): a
// target label, which the scrape puts on the series that lack their own.
bool on_every_series(const Model& model, const Source& source, const std::string& label) {
  const std::vector<std::string>& targets = source.target_labels ? *source.target_labels : model.join_on;
  return std::find(targets.begin(), targets.end(), label) != targets.end();
}

}  // namespace

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
  // Every target's `up` carries its job and instance; its other labels are
  // its target's, which differ between the spec's jobs.
  catalog["up"].always = {"job", "instance", "__name__"};
  // A source's own up (`up{job="<its job>"}`) carries its target's labels and no other.
  for (const Source& source : model.sources) {
    promql::MetricLabels& entry = catalog[promql::job_up_key(source.job)];
    entry.always = {"job", "instance", "__name__"};
    for (const std::string& label : source.labels) {
      if (on_every_series(model, source, label)) entry.always.insert(label);
    }
    entry.complete = true;
  }
  // A declared source's series carry instance, job and its target labels
  // (`target_labels:`, else the spec's join_on labels it lists: a series
  // without its own gets the target's), maybe its other labels (`labels:`
  // lists every label any of its series carries: datname is on
  // pg_stat_database_* only, not on pg_up), and no other: not the join_on
  // labels it does not list (its target is not the host's).
  for (const Node& node : model.nodes) {
    if (!node.when) continue;
    for (const MetricReference& ref : node.when->analysis.metrics) {
      const Source* source = model.source_of(ref.name);
      if (!source) continue;
      promql::MetricLabels& entry = catalog[ref.name];
      entry.always = {"job", "instance", "__name__"};
      for (const std::string& label : source->labels) {
        (on_every_series(model, *source, label) ? entry.always : entry.sometimes).insert(label);
      }
      entry.complete = true;  // `labels:` lists them all: a join label it lacks is one the series do not have
    }
  }
  return catalog;
}

}  // namespace symptree
