// Selector checks over the syntax tree. A symptree_* metric's series carry its
// catalogue labels plus job, instance and the join_on labels; its probe label
// (`name`, or `port` for port probes) takes the names under its host section.
#include "generator/check/selector_check.h"

#include <algorithm>
#include <regex>

#include "common/probe_catalog.h"

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
  try {
    return std::regex_match(value, std::regex("^(?:" + pattern + ")$"));
  } catch (const std::regex_error&) {
    return true;
  }
}

const MetricInfo* catalogue_entry(const std::string& metric) {
  const ProbeKind* kind = probe_for_metric(metric);
  if (!kind) return nullptr;
  for (const MetricInfo& info : kind->metrics) {
    if (info.name == metric) return &info;
  }
  return nullptr;
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
