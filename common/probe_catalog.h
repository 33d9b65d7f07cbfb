// The metrics each kind of host probe produces. The generator checks spec
// conditions against this list and the exporter registers exactly these
// families, so the two can never disagree on a name. The entries come from the
// compile-time constants of probe_metrics.h, which the exporter's collectors use.
#pragma once

#include <string>
#include <vector>

namespace symptree {

// One metric family an exporter collector exposes.
struct MetricInfo {
  std::string name;
  std::string type;  // "gauge" or "counter"
  std::string help;
  std::vector<std::string> labels;
};

// One kind of probe: the key under `host:` in the spec (and in exporter.yml),
// the exporter collector that serves it, and what it exposes.
struct ProbeKind {
  std::string key;        // e.g. "filesystems"
  std::string collector;  // e.g. "filesystem", the value of the `collector` label
  std::vector<MetricInfo> metrics;
  bool always = false;  // needs no settings: runs on every host (CollectorInfo::always)
};

const std::vector<ProbeKind>& probe_catalog();

// Metrics the exporter always serves about itself (collector success, duration, build info).
const std::vector<MetricInfo>& exporter_self_metrics();

// Whether `key` is a kind of `catalog` that needs no settings, and so every host has.
bool probe_kind_runs_always(const std::string& key, const std::vector<ProbeKind>& catalog = probe_catalog());

// The probe kind that produces `metric`, or nullptr.
const ProbeKind* probe_for_metric(const std::string& metric);

// Names Prometheus itself produces (up, ALERTS, ...): usable in any condition.
bool is_builtin_metric(const std::string& metric);

}  // namespace symptree
