// One scrape: runs every collector in parallel under the timeout and turns
// their samples into Prometheus metric families, catalogue order, with the
// exporter's own success/duration/build_info families.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include "exporter/runner/collector_runner.h"

namespace symptree {

class Scraper : public prometheus::Collectable {
 public:
  Scraper(std::vector<std::shared_ptr<Collector>> collectors, std::chrono::milliseconds timeout);

  std::vector<prometheus::MetricFamily> Collect() const override;
  // Collect() in the text exposition format.
  std::string text() const;

 private:
  std::vector<std::unique_ptr<CollectorRunner>> runners_;
};

// The exporter's version, as build_info reports it.
const char* exporter_version();

}  // namespace symptree
