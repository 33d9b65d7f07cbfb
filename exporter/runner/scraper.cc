// Scraper: collectors' samples to prometheus-cpp metric families.
#include "exporter/scraper.h"

#include <map>
#include <sstream>

#include <prometheus/text_serializer.h>

namespace symptree {
namespace {

prometheus::MetricFamily empty_family(const MetricInfo& info) {
  prometheus::MetricFamily family;
  family.name = info.name;
  family.help = info.help;
  family.type = info.type == "counter" ? prometheus::MetricType::Counter : prometheus::MetricType::Gauge;
  return family;
}

void add_value(prometheus::MetricFamily& family, const MetricInfo& info,
               const std::vector<std::string>& label_values, double value) {
  prometheus::ClientMetric metric;
  for (size_t i = 0; i < info.labels.size(); ++i) metric.label.push_back({info.labels[i], label_values[i]});
  if (family.type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
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
    add_value(out[index.at(sample.metric)], *sample.metric, sample.label_values, sample.value);
  }
}

const MetricInfo& self_metric(size_t i) { return exporter_self_metrics().at(i); }

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
  prometheus::MetricFamily success = empty_family(self_metric(0));
  prometheus::MetricFamily duration = empty_family(self_metric(1));
  prometheus::MetricFamily build_info = empty_family(self_metric(2));
  for (size_t i = 0; i < runners_.size(); ++i) {
    const Collector& collector = runners_[i]->collector();
    append_collector_families(collector.kind(), results[i], families);
    add_value(success, self_metric(0), {collector.name()}, results[i].success() ? 1 : 0);
    add_value(duration, self_metric(1), {collector.name()}, results[i].seconds);
  }
  add_value(build_info, self_metric(2), {exporter_version()}, 1);
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
