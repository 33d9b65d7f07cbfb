// `sources:`: names, jobs, labels and metric ownership, each checked at its
// line and column.
#include "generator/reader/source_reader.h"

#include <set>

#include "generator/model/alert_plan.h"
#include "generator/reader/names.h"

namespace symptree {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  for (const std::string& x : list) {
    if (x == item) return true;
  }
  return false;
}

// Each item of the list under `key` with its position, for errors at the item.
std::vector<std::pair<std::string, SourcePosition>> items(const MapReader& map, const std::string& key) {
  std::vector<std::pair<std::string, SourcePosition>> out;
  YamlNode list = map.get(key);
  if (!list.IsSequence()) return out;  // string_list reported the wrong type
  for (const YamlNode& item : list) {
    if (item.IsScalar() && !item.Scalar().empty()) out.emplace_back(item.Scalar(), map.file().position(item));
  }
  return out;
}

void check_name(const MapReader& map, Source& source, std::set<std::string>& names) {
  SourcePosition where = map.where("name");
  if (source.name.empty()) return;  // `string(..., true)` reported it
  if (!is_snake_case(source.name)) {
    map.diagnostics().error(where, "source name '" + source.name + "' must match [a-z][a-z0-9_]*",
                            "it names the source's address under deployment.hosts[].sources");
  } else if (source.name == "service" || source.name == "exporter") {
    map.diagnostics().error(where, "source name '" + source.name + "' is taken by the implicit source of the same name",
                            "the service (app_metrics) and symptree-exporter (host:) are sources already; pick another name");
  } else {
    claim_name(names, source.name, "source", where, map.diagnostics());
  }
}

void check_job(const MapReader& map, const Model& model, Source& source, std::set<std::string>& jobs) {
  SourcePosition where = map.where("job");
  if (source.job.empty()) return;
  if (source.job == model.service_job || source.job == model.exporter_job) {
    bool service = source.job == model.service_job;
    map.diagnostics().error(where, "job '" + source.job + "' is the " + (service ? "service's" : "symptree-exporter's") + " job",
                            std::string("each source is a scrape job of its own; ") +
                                (service ? "list the service's metrics under app_metrics" : "the exporter's metrics come from host:"));
  } else if (!jobs.insert(source.job).second) {
    map.diagnostics().error(where, "job '" + source.job + "' is given to two sources",
                            "one source per scrape job: merge their labels and metrics");
  }
}

void read_labels(const MapReader& map, Source& source) {
  source.labels = map.string_list("labels", true);
  std::set<std::string> seen;
  for (const auto& [label, where] : items(map, "labels")) {
    if (!is_label_name(label) || label.rfind("__", 0) == 0) {
      map.diagnostics().error(where, "'" + label + "' is not a valid label name");
    } else if (label == "instance" || label == "job") {
      map.diagnostics().error(where, "'" + label + "' need not be listed", "every series of a source carries instance and job");
    } else if (contains(reserved_alert_labels(), label)) {
      map.diagnostics().error(where, "label '" + label + "' is one symptree sets on its alerts",
                              "a series carrying it would collide with the alert's own; relabel it away in the scrape config");
    } else if (!seen.insert(label).second) {
      map.diagnostics().error(where, "label '" + label + "' is listed twice");
    }
  }
}

// `target_labels:`: which of `labels` the scrape configuration of
// `deployment:` sets on the source's targets. Absent: each host label and
// the host-naming join label the source lists.
void read_target_labels(const MapReader& map, Source& source) {
  if (!map.has("target_labels")) return;
  source.target_labels = map.string_list("target_labels");
  for (const auto& [label, where] : items(map, "target_labels")) {
    if (!contains(source.labels, label)) {
      map.diagnostics().error(where, "target label '" + label + "' is not one of the source's labels",
                              "list it under `labels:` too: the series carry the labels their target has");
    }
  }
}

// `metrics:`: names, or `{name: x, absence_alert: false}` for a metric that
// exists only while something is wrong (kube-state-metrics' waiting reasons).
void read_metric_list(const MapReader& map, Source& source) {
  YamlNode list = map.sequence("metrics");
  if (!list.IsDefined()) return;
  for (const YamlNode& item : list) {
    std::string name;
    SourcePosition where = map.file().position(item);
    if (item.IsMap()) {
      MapReader entry(map.file(), item, "a source's metric", {"name", "absence_alert"}, map.diagnostics());
      name = entry.string("name", true).value_or("");
      where = entry.where("name");
      if (!entry.boolean("absence_alert").value_or(true)) source.without_absence_alert.insert(name);
    } else if (std::optional<std::string> text = read_scalar(map.file(), item, "an entry of 'metrics'", map.diagnostics())) {
      name = *text;
    }
    if (name.empty()) continue;
    if (!is_metric_name(name)) map.diagnostics().error(where, "'" + name + "' is not a valid metric name");
    source.metrics.push_back(name);
  }
}

void read_ownership(const MapReader& map, Source& source) {
  source.prefixes = map.string_list("prefixes");
  for (const auto& [prefix, where] : items(map, "prefixes")) {
    if (!is_metric_name(prefix)) map.diagnostics().error(where, "prefix '" + prefix + "' is not the start of a metric name");
  }
  read_metric_list(map, source);
  if (source.prefixes.empty() && source.metrics.empty() && map.valid()) {
    map.diagnostics().error(map.where(), "source '" + source.name + "' owns no metric",
                            "give its metrics by name prefix (prefixes: [pg_]) or by name (metrics: [pg_up])");
  }
}

}  // namespace

void read_sources(const MapReader& top, Model& model) {
  YamlNode list = top.sequence("sources");
  if (!list.IsDefined()) return;
  std::set<std::string> names;
  std::set<std::string> jobs;
  for (const YamlNode& item : list) {
    MapReader map(top.file(), item, "a source", {"name", "job", "labels", "target_labels", "prefixes", "metrics"}, top.diagnostics());
    if (!map.valid()) continue;
    Source source;
    source.where = map.where();
    source.name = map.string("name", true).value_or("");
    source.job = map.string("job", true).value_or("");
    check_name(map, source, names);
    check_job(map, model, source, jobs);
    read_labels(map, source);
    read_target_labels(map, source);
    read_ownership(map, source);
    model.sources.push_back(source);
  }
}

}  // namespace symptree
