// Scraper: collectors' samples to prometheus-cpp metric families.
#include "exporter/runner/scraper.h"

#include <map>
#include <sstream>

#include <prometheus/text_serializer.h>

#include "common/probe_metrics.h"

namespace symptree {
namespace {

prometheus::MetricFamily empty_family(std::string_view name, std::string_view help, std::string_view type) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type == "counter" ? prometheus::MetricType::Counter : prometheus::MetricType::Gauge;
  return family;
}

prometheus::MetricFamily empty_family(const MetricInfo& info) { return empty_family(info.name, info.help, info.type); }

// One of the exporter's own families, from its constant.
prometheus::MetricFamily self_family(const MetricDef<CollectorId::exporter, 1>& def) {
  return empty_family(def.name, def.help, def.type);
}

// Appends one series; `label_names` and `label_values` are in the same order.
template <typename Names>
void add_value(prometheus::MetricFamily& family, const Names& label_names,
               const std::vector<std::string>& label_values, double value) {
  prometheus::ClientMetric metric;
  for (size_t i = 0; i < label_names.size(); ++i) metric.label.push_back({std::string(label_names[i]), label_values[i]});
  if (family.type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
}

// One series of the exporter's own family `def`: exactly its labels, checked at compile time.
template <size_t N>
void add_self(prometheus::MetricFamily& family, const MetricDef<CollectorId::exporter, N>& def,
              LabelValues<N> labels, double value) {
  add_value(family, def.labels, std::vector<std::string>(labels.values.begin(), labels.values.end()), value);
}

// The catalogue families of one collector, filled with its samples.
void append_collector_families(const ProbeKind& kind, const RunResult& result,
                               std::vector<prometheus::MetricFamily>& out) {
  std::map<const MetricInfo*, size_t> index;
  for (const MetricInfo& info : kind.metrics) {
    index[&info] = out.size();
    out.push_back(empty_family(info));
  }
  for (const Sample& sample : result.samples) {
    add_value(out[index.at(sample.metric)], sample.metric->labels, sample.label_values, sample.value);
  }
}

}  // namespace

const char* exporter_version() { return SYMPTREE_VERSION; }

Scraper::Scraper(std::vector<std::shared_ptr<Collector>> collectors, std::chrono::milliseconds timeout) {
  for (auto& collector : collectors) runners_.push_back(std::make_unique<CollectorRunner>(collector, timeout));
}

std::vector<prometheus::MetricFamily> Scraper::Collect() const {
  Clock::time_point start = Clock::now();
  std::vector<CollectorRunner::Ticket> tickets;
  for (const auto& runner : runners_) tickets.push_back(runner->start());
  std::vector<RunResult> results;
  for (size_t i = 0; i < runners_.size(); ++i) {
    results.push_back(runners_[i]->wait(tickets[i], start + runners_[i]->timeout()));
  }

  std::vector<prometheus::MetricFamily> families;
  prometheus::MetricFamily success = self_family(metric::collector_success);
  prometheus::MetricFamily duration = self_family(metric::collector_duration_seconds);
  prometheus::MetricFamily build_info = self_family(metric::exporter_build_info);
  for (size_t i = 0; i < runners_.size(); ++i) {
    const Collector& collector = runners_[i]->collector();
    append_collector_families(collector.kind(), results[i], families);
    add_self(success, metric::collector_success, {collector.name()}, results[i].success() ? 1 : 0);
    add_self(duration, metric::collector_duration_seconds, {collector.name()}, results[i].seconds);
  }
  add_self(build_info, metric::exporter_build_info, {exporter_version()}, 1);
  families.push_back(std::move(success));
  families.push_back(std::move(duration));
  families.push_back(std::move(build_info));
  return families;
}

std::string Scraper::text() const {
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, Collect());
  return out.str();
}

}  // namespace symptree
