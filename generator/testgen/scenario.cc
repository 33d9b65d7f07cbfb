// Turning facts about nodes into promtool input series.
#include "generator/testgen/scenario.h"

#include "common/probe_catalog.h"
#include "common/quoting.h"

namespace symptree {
namespace {

// "-a", "-b", ...: two characters, so a slot key's host is its first two.
std::string host_suffix(TestHost host) { return std::string("-") + static_cast<char>('a' + static_cast<int>(host)); }

// Whether every label of `small` is in `large` with the same value.
bool is_subset(const std::map<std::string, std::string>& small, const std::map<std::string, std::string>& large) {
  for (const auto& [label, value] : small) {
    auto it = large.find(label);
    if (it == large.end() || it->second != value) return false;
  }
  return true;
}

}  // namespace

std::string series_selector(const std::string& metric, const std::map<std::string, std::string>& labels) {
  std::string out = metric + "{";
  bool first = true;
  for (const auto& [label, value] : labels) {
    out += (first ? "" : ",") + label + "=" + double_quote(value);
    first = false;
  }
  return out + "}";
}

std::map<std::string, std::string> host_labels(const Model& model, TestHost host) {
  std::map<std::string, std::string> labels;
  for (const std::string& label : model.join_on) labels[label] = label + host_suffix(host);
  return labels;
}

// Join labels plus the scrape target's instance and job: the exporter and the
// service are different targets on the same host, as in production.
std::map<std::string, std::string> ScenarioBuilder::target_labels(const std::string& metric, TestHost host) const {
  std::map<std::string, std::string> labels = host_labels(model_, host);
  std::string host_value = labels.begin()->second;
  bool from_exporter = probe_for_metric(metric) != nullptr;
  labels["instance"] = host_value + (from_exporter ? ":9188" : ":service");
  labels["job"] = from_exporter ? model_.exporter_job : model_.service_job;
  return labels;
}

ScenarioBuilder::Slot* ScenarioBuilder::slot_for(const SimpleComparison& comparison, TestHost host,
                                                 std::string& error) {
  std::map<std::string, std::string> labels = target_labels(comparison.metric, host);
  std::map<std::string, std::string> matchers(comparison.matchers.begin(), comparison.matchers.end());
  for (const auto& [label, value] : matchers) labels[label] = value;
  std::string selector = series_selector(comparison.metric, labels);
  std::string key = host_suffix(host) + selector;
  auto existing = slots_.find(key);
  if (existing != slots_.end()) {
    if (existing->second.from_examples) {
      error = "series " + selector + " is both derived and written in examples";
      return nullptr;
    }
    return &existing->second;
  }
  for (const auto& [other_key, slot] : slots_) {
    if (slot.metric != comparison.metric || other_key.compare(0, 2, host_suffix(host)) != 0) continue;
    if (is_subset(slot.labels, labels) || is_subset(labels, slot.labels)) {
      error = "series " + selector + " and " + series_selector(slot.metric, slot.labels) +
              " overlap, so one selector would match both";
      return nullptr;
    }
  }
  return &slots_.emplace(key, Slot{comparison.metric, labels, "", {}, false}).first->second;
}

bool ScenarioBuilder::add_examples(const Node& node, TestHost host, bool holds, std::string& error) {
  for (const ExampleSeries& example : holds ? node.examples->firing : node.examples->quiet) {
    std::map<std::string, std::string> labels = example.labels;
    for (const auto& [label, value] : host_labels(model_, host)) labels[label] = value;
    for (const auto& [label, value] : target_labels(example.metric, host)) labels.emplace(label, value);
    std::string selector = series_selector(example.metric, labels);
    std::string key = host_suffix(host) + selector;
    if (slots_.count(key)) {
      error = "series " + selector + " of '" + node.id + "' examples is also used by another node";
      return false;
    }
    slots_.emplace(key, Slot{example.metric, labels, example.values, {}, true});
  }
  return true;
}

bool ScenarioBuilder::add(int index, TestHost host, bool holds, std::string& error) {
  const Node& node = model_.nodes[index];
  if (node.examples) return add_examples(node, host, holds, error);
  const std::vector<SimpleComparison>& alternatives = node.when->analysis.alternatives;
  for (size_t i = 0; i < alternatives.size(); ++i) {
    if (holds && i > 0) break;  // one alternative holding makes an `or` hold
    Slot* slot = slot_for(alternatives[i], host, error);
    if (!slot) return false;
    slot->constraints.push_back({alternatives[i].op, alternatives[i].threshold, holds});
  }
  return true;
}

std::optional<std::vector<TestSeries>> ScenarioBuilder::build(int samples) const {
  std::vector<TestSeries> result;
  for (const auto& [key, slot] : slots_) {
    TestSeries series{key.substr(2), slot.values};
    if (!slot.from_examples) {
      std::optional<Decimal> value = solve_value(slot.constraints);
      if (!value) return std::nullopt;
      series.values = value->to_string() + "+0x" + std::to_string(samples);
    }
    result.push_back(std::move(series));
  }
  return result;
}

std::map<std::string, std::string> ScenarioBuilder::result_labels(int index, TestHost host) const {
  const Node& node = model_.nodes[index];
  if (node.examples) {
    // A cluster-scoped result has no join_on labels: exactly the examples' `labels`.
    std::map<std::string, std::string> labels;
    if (!model_.is_cluster(index)) labels = host_labels(model_, host);
    if (node.when->analysis.keeps_series_labels && !node.examples->firing.empty()) {
      labels = target_labels(node.examples->firing.front().metric, host);
      for (const auto& [label, value] : node.examples->firing.front().labels) labels.emplace(label, value);
      for (const auto& [label, value] : host_labels(model_, host)) labels[label] = value;
    }
    for (const auto& [label, value] : node.examples->labels) labels[label] = value;
    return labels;
  }
  // What the first alternative's aggregation keeps of its input series' labels.
  const SimpleComparison& first = node.when->analysis.alternatives.front();
  std::map<std::string, std::string> input = target_labels(first.metric, host);
  for (const auto& [label, value] : first.matchers) input[label] = value;
  std::vector<std::pair<std::string, std::string>> kept =
      first.result_labels(std::vector<std::pair<std::string, std::string>>(input.begin(), input.end()));
  return std::map<std::string, std::string>(kept.begin(), kept.end());
}

}  // namespace symptree
