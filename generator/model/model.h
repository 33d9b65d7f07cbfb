// The model: a spec after loading and validation. Every emitter reads this and
// nothing else; nothing downstream re-reads YAML.
#pragma once

#include <map>
#include <set>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/duration.h"
#include "common/host_config.h"
#include "generator/model/alertmanager_settings.h"
#include "generator/model/deployment.h"
#include "generator/promql/condition.h"

namespace symptree {

// One row of the Incident Priority Matrix.
struct Priority {
  std::string name;       // "P0"
  std::string label;      // "Critical"
  Duration response;      // time to respond; drives Alertmanager timing
  std::string severity;   // critical | warning | info
  std::string receiver;   // name of a receiver
  std::vector<std::string> examples;
  SourcePosition where;
};

// A receiver as written in the spec; Alertmanager rendering validates the fields.
struct Receiver {
  std::string name;
  std::string kind;  // webhook, email, slack, pagerduty, opsgenie
  std::map<std::string, std::string> fields;  // nested settings flattened: "http_config.basic_auth.username"
  std::map<std::string, SourcePosition> field_where;  // of each field's key
  SourcePosition where;
};

// A shell command from the flowchart's "Quick Diagnostic" blocks.
struct DiagnosticCommand {
  std::string run;
  std::string why;
  SourcePosition where;
};

// A command of the escalation bundle whose output lands in `file`.
struct BundleCommand {
  std::string run;
  std::string file;
  SourcePosition where;
};

// The flowchart's escalation path: what to do when no runbook helps.
struct Escalation {
  std::vector<std::string> steps;
  std::vector<BundleCommand> bundle;
  std::vector<std::string> contacts;
};

// Where a node's runbook lives; url = base_url + path + "#" + anchor.
struct RunbookLink {
  std::string path;     // relative to runbooks.base_url, e.g. runbooks/disk-full.md
  std::string anchor;   // GitHub slug of the section, may be empty
  std::string section;  // the section title as written, may be empty
  std::string url;
  SourcePosition where;
};

// A series written by the user for a test: `metric{labels}` and promtool values.
struct ExampleSeries {
  std::string metric;
  std::map<std::string, std::string> labels;
  std::string values;
  SourcePosition where;
};

// Test series for a condition symptree cannot derive by itself.
struct Examples {
  std::vector<ExampleSeries> firing;  // make the condition hold
  std::vector<ExampleSeries> quiet;   // make it not hold
  Duration warmup;                    // time until the firing series make it hold (e.g. rate() needs 2 samples)
  std::map<std::string, std::string> labels;  // labels of the result besides join_on
  std::optional<double> value;  // the condition's value while the firing series hold, for {{ $value }}
  SourcePosition where;
};

// Where a scalar's text was written, for errors at a byte inside it.
struct TextPlace {
  SourcePosition where;      // of the first character of the text
  bool single_line = false;  // a one-line plain scalar: column + offset is exact
  std::vector<std::pair<int, int>> byte_lines;  // (line, column) of each byte, when known

  // Position of the byte `offset` into the text (its start when not known).
  SourcePosition position_at(size_t offset) const;
};

// A node's condition: the PromQL as written, where it is, and what it reads.
struct Condition : TextPlace {
  std::string expr;
  ConditionAnalysis analysis;
};

// What kind of node: an alert, a manual step (a procedure), or a section that
// only groups its children.
enum class NodeKind { Alert, Manual, Group };

// Whose fact a node's condition states: each host's (the default; its alert
// carries the join_on labels) or the cluster's, aggregated across the hosts
// that report it (one alert for the cluster, without join_on labels).
enum class NodeScope { Host, Cluster };

// One node of the flowchart: a symptom (root) or a cause, at any depth.
// A spec's own alert labels or annotations (`labels: {team: payments}`), in
// the order written.
using CustomFields = std::vector<std::pair<std::string, std::string>>;

struct Node {
  std::string id;
  std::string title;        // the question or symptom as the flowchart asks it
  std::string description;
  NodeKind kind = NodeKind::Alert;
  std::optional<Condition> when;
  NodeScope scope = NodeScope::Host;
  // The labels its alert and record carry and its causes join it on: its own
  // `join_on:`, else the nearest ancestor's own non-empty one, else the spec's;
  // empty for a cluster-scoped node (`join_on: []` and `scope: cluster` alike).
  std::vector<std::string> join_on;
  SourcePosition join_where;  // of its own `join_on:`; line 0 when inherited
  std::vector<SourcePosition> join_label_where;  // of each label of its own `join_on:`, in order
  std::string unit;         // `unit:`: the Grafana unit of its panel; "" to infer it from the condition
  Duration for_duration;
  int priority = -1;        // index into Model::priorities (inherited when not set)
  bool own_priority = false;
  std::optional<RunbookLink> runbook;
  std::string manual_reason;
  std::vector<DiagnosticCommand> diagnostics;
  std::vector<NodeRef> inhibits;  // alerts this node's alert silences besides its ancestors
  std::optional<Examples> examples;
  // `description:` as written: an alert template (model/alert_template.h);
  // nullopt when the title stands in for it (plain text, never a template).
  std::optional<TextPlace> description_place;
  CustomFields labels;       // `labels:`, its own; its alert also carries its ancestors' and the spec's
  CustomFields annotations;  // `annotations:`, likewise: alert templates
  std::map<std::string, TextPlace> annotation_places;  // of each annotation's value
  std::string alert_name;   // set for NodeKind::Alert
  int parent = -1;          // index into Model::nodes; -1 for a symptom
  int root = -1;            // index of the symptom this node sits under
  int depth = 0;            // 0 for symptoms
  std::vector<int> children;
  SourcePosition where;
};

// Where the spec's dashboard lives in Grafana (`grafana:`); both optional.
struct GrafanaSettings {
  std::string url;  // e.g. https://grafana.example.com, no trailing slash; alerts get dashboard_url when set
  std::string uid;  // the dashboard's uid; default "<service>-flowchart"
  SourcePosition where;
};

// A metric the service itself exposes; absence-alerted unless disabled.
struct AppMetric {
  std::string name;
  bool absence_alert = true;
  SourcePosition where;
};

// A scrape job the tree reads besides the service and symptree-exporter
// (`sources:`): which metrics it owns and which labels its series carry.
struct Source {
  std::string name;                   // `[a-z][a-z0-9_]*`; names its address under deployment.hosts[].sources
  std::string job;                    // its Prometheus job
  std::vector<std::string> labels;    // labels its series carry besides instance and job
  std::optional<std::vector<std::string>> target_labels;  // of `labels`, those deployment: sets on its targets;
                                                          // absent: the host's labels and host-naming label it lists
  std::vector<std::string> prefixes;  // it owns every metric whose name starts with one of these
  std::vector<std::string> metrics;   // and these exact names
  std::set<std::string> without_absence_alert;  // metrics listed with `absence_alert: false`
  SourcePosition where;

  bool owns(const std::string& metric) const;
  bool carries(const std::string& label) const;  // instance, job or one of `labels`
};

// The parsed, validated spec.
struct Model {
  std::string spec_name;  // file name of the spec, as recorded in outputs
  std::vector<std::string> included_files;  // `include:`, as opened (the spec's folder joined with each path)
  int version = 1;
  std::string service;
  SourcePosition service_where;       // of `service:`, for errors across the services of a config repo
  std::string title;
  std::string alert_prefix;           // CamelCase, e.g. StemeDB
  std::vector<std::string> join_on;   // labels tying a cause to its symptom
  std::string service_job;            // Prometheus job of the service's own metrics
  std::string exporter_job;           // Prometheus job of symptree-exporter
  std::string runbook_base_url;
  std::string runbook_dir;            // optional local copy, checked when set
  SourcePosition runbook_dir_where;   // of `runbooks.dir`
  Duration test_interval;             // promtool test evaluation interval
  SourcePosition test_interval_where; // of `tests.interval`; line 0 when the default
  Duration absence_for;               // `for` of absence alerts
  SourcePosition absence_for_where;   // of `absence.for`, or of the spec when the default
  std::vector<Priority> priorities;
  std::vector<Receiver> receivers;
  HostConfig host;
  std::vector<AppMetric> app_metrics;
  std::vector<Source> sources;        // `sources:`, in the order written
  CustomFields labels;       // `labels:` at the top: on every alert
  CustomFields annotations;  // `annotations:` at the top: on every alert
  std::map<std::string, TextPlace> annotation_places;  // of each annotation's value
  std::vector<DiagnosticCommand> always_check;
  Escalation escalation;
  AlertmanagerSettings alertmanager;
  GrafanaSettings grafana;
  std::optional<Deployment> deployment;  // `deployment:`; absent for a single-node setup
  std::vector<Node> nodes;            // pre-order: each node before its children
  std::vector<int> roots;             // the symptoms, in flowchart order

  // Indices of `node`'s ancestors that carry a condition, nearest first.
  std::vector<int> conditioned_ancestors(int node) const;
  // Titles from the symptom down to `node`, joined with " → ".
  std::string path_text(int node) const;
  int find_node(const std::string& id) const;  // -1 when absent
  bool is_cluster(int node) const { return nodes[node].scope == NodeScope::Cluster; }
  bool has_cluster_scope() const;  // some node is cluster-scoped
  const std::vector<std::string>& join_of(int node) const { return nodes[node].join_on; }
  // The labels a cause joins its ancestor on: those of both join sets, in the
  // cause's order; empty (`on ()`) when they share none.
  std::vector<std::string> shared_join(int cause, int ancestor) const;
  // Whether some link of the path from `node` up to its conditioned `ancestor`
  // shares no label, so that the ancestor's fact on any host counts for `node`.
  bool detached(int node, int ancestor) const;
  // The join labels the series of `node`'s condition carry in tests and on the
  // dashboard: its join set, or the spec's for a cluster-scoped node (each host
  // reports the cluster fact).
  const std::vector<std::string>& series_join(int node) const;
  // Every join label of the spec: `join_on` at the top, then each node's own, once.
  std::vector<std::string> all_join_labels() const;
  const Priority& priority_of(int node) const { return priorities[nodes[node].priority]; }
  // The declared source that owns `metric` (the first, when a mistake gives two), or nullptr.
  const Source* source_of(const std::string& metric) const;
  // The jobs the tree reads: the service's, the exporter's, then each source's.
  std::vector<std::string> scrape_jobs() const;
};

}  // namespace symptree
