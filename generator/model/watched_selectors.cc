// The selectors whose absence is alerted, read off the conditions' syntax trees.
#include "generator/model/watched_selectors.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/join.h"
#include "common/probe_catalog.h"
#include "common/quoting.h"

namespace symptree {
namespace {

// The metrics whose absence alerts are switched off (`absence_alert: false`).
std::set<std::string> without_absence_alert(const Model& model) {
  std::set<std::string> disabled;
  for (const AppMetric& metric : model.app_metrics) {
    if (!metric.absence_alert) disabled.insert(metric.name);
  }
  for (const Source& source : model.sources) {
    disabled.insert(source.without_absence_alert.begin(), source.without_absence_alert.end());
  }
  return disabled;
}

// The matchers of `selector` an absence alert keeps: for a declared source's
// metric, those on the labels it lists; none for any other metric.
std::vector<KeptMatcher> kept_matchers(const Model& model, const std::string& metric, const promql::Node& selector) {
  std::vector<KeptMatcher> kept;
  const Source* source = model.source_of(metric);
  if (!source) return kept;
  for (const promql::Matcher& m : selector.matchers) {
    if (std::find(source->labels.begin(), source->labels.end(), m.name) == source->labels.end()) continue;
    kept.push_back({m.name, m.op, m.value});
  }
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  return kept;
}

// Each selector `node` reads, as (metric, kept matchers), in the order written.
std::vector<std::pair<std::string, std::vector<KeptMatcher>>> selectors_read(const Model& model, const Node& node) {
  std::vector<std::pair<std::string, std::vector<KeptMatcher>>> read;
  const ConditionAnalysis& analysis = node.when->analysis;
  if (!analysis.ast) {  // not parsed: an error says why; the names are all there is
    for (const MetricReference& ref : analysis.metrics) read.push_back({ref.name, {}});
    return read;
  }
  promql::walk(*analysis.ast, [&](const promql::Node& n) {
    if (n.kind != promql::NodeKind::VectorSelector) return;
    std::optional<MetricReference> ref = selector_metric(n);
    if (ref) read.push_back({ref->name, kept_matchers(model, ref->name, n)});
  });
  return read;
}

}  // namespace

std::string KeptMatcher::text() const { return label + promql::match_op_text(op) + double_quote(value); }

bool KeptMatcher::operator<(const KeptMatcher& other) const {
  return std::tie(label, op, value) < std::tie(other.label, other.op, other.value);
}

bool KeptMatcher::operator==(const KeptMatcher& other) const {
  return label == other.label && op == other.op && value == other.value;
}

std::string selector_text(const std::string& metric, const std::vector<KeptMatcher>& matchers) {
  if (matchers.empty()) return metric;
  std::vector<std::string> parts;
  for (const KeptMatcher& m : matchers) parts.push_back(m.text());
  return metric + "{" + join(parts, ",") + "}";
}

std::vector<WatchedSelector> watched_selectors(const Model& model) {
  std::vector<WatchedSelector> watched;
  std::set<std::string> disabled = without_absence_alert(model);
  std::map<std::string, size_t> position;  // selector text -> index in `watched`
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    if (model.nodes[i].kind != NodeKind::Alert || !model.nodes[i].when) continue;
    for (auto& [metric, matchers] : selectors_read(model, model.nodes[i])) {
      if (is_builtin_metric(metric) || disabled.count(metric)) continue;
      auto [it, inserted] = position.emplace(selector_text(metric, matchers), watched.size());
      if (inserted) watched.push_back({metric, std::move(matchers), {}});
      std::vector<int>& readers = watched[it->second].readers;
      if (readers.empty() || readers.back() != static_cast<int>(i)) readers.push_back(static_cast<int>(i));
    }
  }
  return watched;
}

}  // namespace symptree
