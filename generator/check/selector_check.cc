// Selector checks over the syntax tree. A symptree_* metric's series carry its
// catalogue labels plus job, instance and the join_on labels; its probe label
// (`name`, or `port` for port probes) takes the names under its host section.
// A declared source's series carry its `labels:` (the complete list), instance
// and job, and the labels of their metric type: `le` on a histogram's
// `_bucket` series, `quantile` on a summary's (a name without the suffixes of
// the other series types).
#include "generator/check/selector_check.h"

#include <algorithm>

#include "common/probe_catalog.h"
#include "generator/model/series_job.h"
#include "generator/promql/regex_syntax.h"

namespace symptree {
namespace {

// The names of configured probes that a label of `kind` may refer to.
std::vector<std::string> probe_names(const HostConfig& host, const std::string& kind) {
  std::vector<std::string> names;
  if (kind == "filesystems") for (const auto& p : host.filesystems) names.push_back(p.name);
  if (kind == "directories") for (const auto& p : host.directories) names.push_back(p.name);
  if (kind == "processes") for (const auto& p : host.processes) names.push_back(p.name);
  if (kind == "certificates") for (const auto& p : host.certificates) names.push_back(p.name);
  if (kind == "http") for (const auto& p : host.http) names.push_back(p.name);
  if (kind == "backups") for (const auto& p : host.backups) names.push_back(p.name);
  if (kind == "ports") for (const auto& p : host.ports) names.push_back(std::to_string(p.port));
  return names;
}

// Whether the anchored RE2 regex `pattern` matches `value`; true when the
// pattern uses syntax std::regex does not share (nothing is claimed then).
bool regex_matches(const std::string& pattern, const std::string& value) {
  return promql::regex_full_match(pattern, value).value_or(true);
}

const MetricInfo* catalogue_entry(const std::string& metric) {
  const ProbeKind* kind = probe_for_metric(metric);
  if (!kind) return nullptr;
  for (const MetricInfo& info : kind->metrics) {
    if (info.name == metric) return &info;
  }
  return nullptr;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The labels a series of `metric`, owned by `source`, may carry.
std::vector<std::string> source_series_labels(const Source& source, const std::string& metric) {
  std::vector<std::string> labels = source.labels;
  labels.insert(labels.end(), {"instance", "job", "__name__"});
  if (ends_with(metric, "_bucket")) labels.push_back("le");
  bool other_type = false;
  for (const char* suffix : {"_bucket", "_count", "_sum", "_total", "_created", "_info"}) other_type = other_type || ends_with(metric, suffix);
  if (!other_type) labels.push_back("quantile");
  return labels;
}

class SelectorChecker {
 public:
  SelectorChecker(const Model& model, Diagnostics& diagnostics) : model_(model), diagnostics_(diagnostics) {}

  void check(const Condition& condition) {
    promql::walk(*condition.analysis.ast, [&](const promql::Node& node) {
      if (node.kind == promql::NodeKind::VectorSelector) selector(condition, node);
    });
  }

 private:
  void selector(const Condition& condition, const promql::Node& node) {
    std::optional<MetricReference> reference = selector_metric(node);
    if (!reference) return;
    const std::string& metric = reference->name;
    for (const promql::Matcher& m : node.matchers) {
      if (m.name == "job" && m.op == promql::MatchOp::Equal) job_matcher(condition, m, metric);
    }
    if (const Source* source = model_.source_of(metric)) return source_selector(condition, node, metric, *source);
    const ProbeKind* kind = probe_for_metric(metric);
    const MetricInfo* info = catalogue_entry(metric);
    if (!kind || !info || !model_.host.has_probe_kind(kind->key)) return;  // unknown metrics: metric_check
    std::vector<std::string> labels = info->labels;
    labels.insert(labels.end(), {"job", "instance", "__name__"});
    labels.insert(labels.end(), model_.join_on.begin(), model_.join_on.end());
    std::string key = kind->key == "ports" ? "port" : "name";
    for (const promql::Matcher& m : node.matchers) {
      if (std::find(labels.begin(), labels.end(), m.name) == labels.end()) {
        diagnostics_.error(condition.position_at(m.pos.start),
                           "metric '" + metric + "' has no label '" + m.name + "'", suggestion(m.name, labels));
      } else if (m.name == key) {
        probe_matcher(condition, m, kind->key, key);
      }
    }
  }

  // The jobs whose targets report `metric` (metric_job); every scrape job of
  // the spec for `up`; empty (any job) for metrics symptree does not place.
  std::vector<std::string> jobs_reporting(const std::string& metric) const {
    if (std::optional<std::string> job = metric_job(model_, metric)) return {*job};
    if (metric == "up") return model_.scrape_jobs();
    return {};
  }

  // `job="blackbox"` where the series come from job blackbox-http selects
  // nothing: the alert could never fire, and its tests would invent the job.
  void job_matcher(const Condition& condition, const promql::Matcher& m, const std::string& metric) {
    std::vector<std::string> jobs = jobs_reporting(metric);
    if (jobs.empty() || std::find(jobs.begin(), jobs.end(), m.value) != jobs.end()) return;
    std::string named;
    for (const std::string& job : jobs) named += (named.empty() ? "'" : "', '") + job;
    std::string close = closest_match(m.value, jobs);
    diagnostics_.error(condition.position_at(m.value_pos.start),
                       "job=\"" + m.value + "\" selects no series of " + metric + ", which " +
                           (jobs.size() == 1 ? "job " + named + "' reports" : "the spec's jobs " + named + "' report"),
                       (close.empty() ? std::string() : "did you mean '" + close + "'? ") +
                           (metric == "up" ? "declare the scrape job under sources: if the tree reads it"
                                           : "a source's metrics come from its `job:`, the service's and "
                                             "symptree-exporter's from `jobs: {service: ..., exporter: ...}`"));
  }

  // A matcher on a label the source does not list can never see it (`zone="eu1-a"` selects
  // nothing, `zone!="x"` everything): a label name mistaken, or missing from `labels:`.
  void source_selector(const Condition& condition, const promql::Node& node, const std::string& metric,
                       const Source& source) {
    std::vector<std::string> labels = source_series_labels(source, metric);
    for (const promql::Matcher& m : node.matchers) {
      if (std::find(labels.begin(), labels.end(), m.name) != labels.end()) continue;
      std::string listed;
      for (const std::string& label : source.labels) listed += (listed.empty() ? "" : ", ") + label;
      std::string close = closest_match(m.name, labels);
      diagnostics_.error(condition.position_at(m.pos.start),
                         "the series of source '" + source.name + "' (" + metric + ") have no label '" + m.name +
                             "'; its labels are " + (listed.empty() ? "" : listed + ", ") + "instance and job",
                         (close.empty() ? "" : "did you mean '" + close + "'? ") + "if its series carry '" + m.name +
                             "', add it to the labels: of source '" + source.name + "' (the list is complete)");
    }
  }

  // `name="orderqq"` must name a configured probe; `name=~"..."` must match one.
  void probe_matcher(const Condition& condition, const promql::Matcher& m, const std::string& kind,
                     const std::string& key) {
    if (m.op != promql::MatchOp::Equal && m.op != promql::MatchOp::Regex) return;
    std::vector<std::string> names = probe_names(model_.host, kind);
    bool found = false;
    for (const std::string& name : names) {
      found = found || (m.op == promql::MatchOp::Equal ? name == m.value : regex_matches(m.value, name));
    }
    if (found) return;
    SourcePosition where = condition.position_at(m.value_pos.start + 1);
    if (m.op == promql::MatchOp::Equal) {
      diagnostics_.error(where, "no " + kind + " probe has " + key + " '" + m.value + "'", suggestion(m.value, names));
    } else {
      diagnostics_.error(where, "the regex '" + m.value + "' matches no " + kind + " probe's " + key,
                         suggestion(m.value, names));
    }
  }

  const Model& model_;
  Diagnostics& diagnostics_;
};

}  // namespace

void check_selectors(const Model& model, Diagnostics& diagnostics) {
  SelectorChecker checker(model, diagnostics);
  for (const Node& node : model.nodes) {
    if (node.when && node.when->analysis.ast) checker.check(*node.when);
  }
}

}  // namespace symptree
