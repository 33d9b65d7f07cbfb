// "Where are we in the flowchart": one recording rule per alerting node whose
// series is 1 on each host where the node's path (its condition and every
// ancestor's) holds now, and absent elsewhere. A cluster-scoped node's series
// has no join_on labels: one for the cluster, under the same metric name. The dashboard's top row reads
// them; their labels carry the node's title and runbook link.
#pragma once

#include <string>
#include <vector>

#include "generator/model/alert_plan.h"

namespace symptree {

// The recorded metric, named level:metric:operation: "host:flowchart_node:holds"
// for join_on [host]: the spec's join_on.
std::string node_state_metric(const Model& model);
// The metric of `node`'s record, named by its join set: "namespace_pod:flowchart_node:holds"
// for `join_on: [namespace, pod]`; the spec's for a cluster-scoped node (no labels).
std::string node_state_metric(const Model& model, int node);
// Every record metric of the spec, the spec's first.
std::vector<std::string> node_state_metrics(const Model& model);

// The selector of `node`'s record: host:flowchart_node:holds{service="x",node="y"}.
std::string node_state_selector(const Model& model, int node);

// One record per node rule of `plan`, in the same order (records[i] belongs to rules[i]).
std::vector<RecordingRule> node_state_records(const AlertPlan& plan);

// The record's expression: "group by (<the node's join_on>) (<the alert's expression>)", or
// "group by () (...)" for a cluster-scoped alert.
std::string node_state_expr(const Model& model, const AlertRule& alert);

// The record's labels: service, symptom, node, title and runbook_url.
LabelList node_state_labels(const Model& model, int node);

// The record of `node`, or nullptr when the node has no alert.
const RecordingRule* node_state_record(const AlertPlan& plan, int node);

}  // namespace symptree
