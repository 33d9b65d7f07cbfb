// Samples checked against the metric catalogue.
#include "exporter/core/samples.h"

#include <stdexcept>

namespace symptree {

void Samples::add(std::string_view metric, std::vector<std::string> label_values, double value) {
  for (const MetricInfo& info : kind_->metrics) {
    if (info.name != metric) continue;
    if (info.labels.size() != label_values.size()) {
      throw std::logic_error(std::string(metric) + " takes " + std::to_string(info.labels.size()) + " labels, got " +
                             std::to_string(label_values.size()));
    }
    samples_.push_back({&info, std::move(label_values), value});
    return;
  }
  throw std::logic_error(std::string(metric) + " is not in the catalogue for the " + kind_->collector + " collector");
}

const ProbeKind& probe_kind_for_collector(std::string_view collector) {
  for (const ProbeKind& kind : probe_catalog()) {
    if (kind.collector == collector) return kind;
  }
  throw std::logic_error("no catalogue entry for collector '" + std::string(collector) + "'");
}

}  // namespace symptree
