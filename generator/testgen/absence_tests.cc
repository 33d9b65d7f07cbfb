// The absence alerts' test cases.
#include "generator/testgen/absence_tests.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "generator/model/parsed_annotations.h"
#include "generator/model/series_values.h"
#include "generator/testgen/matcher_witness.h"
#include "generator/testgen/test_hosts.h"
#include "generator/testgen/test_steps.h"

namespace symptree {
namespace {

// The labels of the service's target on `host`: join labels, instance and job.
std::map<std::string, std::string> service_target(const Model& model, TestHost host) {
  std::map<std::string, std::string> labels = host_labels(model, host);
  labels["instance"] = labels.begin()->second + ":service";
  labels["job"] = model.service_job;
  return labels;
}

// One group's absence alerts (`rules`), all in two cases (so the file grows
// linearly with the metrics): with only the service's `up`, every absence alert fires, each with
// its metric label (and the host's, unless cluster-wide), after `for`; with
// every metric reported, none does: the cluster-wide ones by another host only.
void plan_absence_group(const Model& model, const AlertPlan& alerts, const std::vector<int>& rules,
                        CaseRecorder& recorder) {
  const AlertRule& first = alerts.rules[rules.front()];
  int64_t step = model.test_interval.ms;
  int64_t fire = round_up(first.for_duration.ms, step);
  std::map<std::string, std::string> up_labels = service_target(model, TestHost::A);
  TestSeries up{series_selector("up", up_labels), "1+0x" + std::to_string(fire / step + 2)};

  std::vector<TestSeries> ups = {up};  // the service's, and each declared source's of this group
  std::set<std::string> source_jobs;
  for (int index : rules) {
    const Source* source = model.source_of(alerts.rules[index].absent_metric);
    if (source && source_jobs.insert(source->job).second) {
      ups.push_back({series_selector("up", source_target(model, *source, TestHost::A)), up.values});
    }
  }
  TestCase missing{first.name, rules, "every absence alert fires after `for` " + first.for_duration.text +
                                          " when its metric is missing while the service is scraped", ups, {}, {}};
  AlertCheck firing{first.name, fire, {}};
  bool cluster_wide = false;
  for (int index : rules) cluster_wide = cluster_wide || alerts.rules[index].cluster;
  std::string quiet = std::string("silent while every watched metric is reported") +
                      (cluster_wide ? " (the cluster-wide ones by another host only)" : "");
  TestCase present{first.name, rules, quiet, ups, {{first.name, fire, {}}}, {}};
  for (int index : rules) {
    const AlertRule& rule = alerts.rules[index];
    ExpectedAlert alert;
    const Source* source = model.source_of(rule.absent_metric);
    std::map<std::string, std::string> target = source ? source_target(model, *source, TestHost::A) : up_labels;
    for (const std::string& label : absence_result_labels(rule.absence_by)) alert.series_labels[label] = target[label];
    alert.labels = alert.series_labels;
    for (const auto& [label, value] : rule.labels) alert.labels[label] = value;
    alert.rule = &rule;
    alert.value = 1;  // `group by (...)` gives 1
    alert.annotations = ParsedAnnotations(rule.annotations).render(alert.series_labels, alert.value);
    firing.expected.push_back(alert);
    std::map<std::string, std::string> reporter = rule.cluster ? service_target(model, TestHost::B) : up_labels;
    if (source) reporter = source_target(model, *source, rule.cluster ? TestHost::B : TestHost::A);
    // A selector with matchers (`mountpoint="/data"`) is reported by a series they accept;
    // when symptree knows no value its regex certainly accepts, nothing reports it: it fires.
    std::optional<std::map<std::string, std::string>> witness = matcher_witness(rule.absent_matchers);
    if (!witness) present.checks.front().expected.push_back(alert);
    for (const auto& [label, value] : witness.value_or(std::map<std::string, std::string>{})) {
      if (value.empty()) reporter.erase(label);
      else reporter[label] = value;
    }
    TestSeries reported{series_selector(rule.absent_metric, reporter), up.values};
    bool twice = std::any_of(present.series.begin(), present.series.end(),
                             [&](const TestSeries& s) { return s.selector == reported.selector; });
    if (witness && rule.absent_label.empty() && !twice) present.series.push_back(reported);
    for (const std::string& value : rule.absent_values) {  // each of the spec's probes reports it
      reporter[rule.absent_label] = value;
      present.series.push_back({series_selector(rule.absent_metric, reporter), up.values});
    }
  }
  if (fire - step >= 0) missing.checks.push_back({first.name, fire - step, {}});
  missing.checks.push_back(firing);
  recorder.add(missing);
  recorder.add(present);
  if (source_jobs.empty()) return;
  // A source's metric is missing only while its own job is up: with the
  // service's `up` alone, only the other absence alerts fire.
  AlertCheck others{first.name, fire, {}};
  for (const ExpectedAlert& alert : firing.expected) {
    if (!model.source_of(alert.rule->absent_metric)) others.expected.push_back(alert);
  }
  recorder.add({first.name, rules, "a declared source's absence alerts stay silent while only the service is scraped",
                {up}, {others}, {}});
}

}  // namespace

void plan_absence_tests(const Model& model, const AlertPlan& alerts, RuleRange range, CaseRecorder& recorder,
                        Diagnostics& diagnostics) {
  std::vector<int> rules;
  for (size_t i = range.first; i < range.last; ++i) {
    if (alerts.rules[i].node < 0) rules.push_back(static_cast<int>(i));
  }
  if (rules.empty()) return;
  int64_t fire = round_up(model.absence_for.ms, model.test_interval.ms);
  if (!short_enough(model, fire, model.absence_for_where, "the absence alerts", diagnostics)) return;
  plan_absence_group(model, alerts, rules, recorder);
}

}  // namespace symptree
