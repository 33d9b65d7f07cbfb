// Rendering prometheus.yml from the spec's `deployment:` section: one file, or
// one per replica (identical but for the replica external label), each loading
// the generated rules, sending to every Alertmanager peer with the replica
// label dropped (so Alertmanager deduplicates the replicas' alerts), and
// scraping the service and symptree-exporter on every host with the join_on
// labels.
#pragma once

#include <string>

#include "generator/emit/output_set.h"
#include "generator/model/model.h"

namespace symptree {

// "prometheus/prometheus.yml", or "prometheus/prometheus-<replica>.yml".
std::string prometheus_config_path(const std::string& replica);

// The configuration of `replica` ("" when no replicas are listed).
std::string render_prometheus_config(const Model& model, const std::string& replica);

// Adds every Prometheus configuration; nothing when the spec has no `deployment:`.
void add_prometheus_configs(const Model& model, OutputSet& outputs);

}  // namespace symptree
