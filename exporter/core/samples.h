// Samples: the values one collector run produces. Collectors add them through
// SamplesOf<C> (collector.h), whose compile-time constants fix the name, the
// owner and the number of labels; the name-based add() below is the runtime
// path underneath, which still refuses anything outside the collector's
// catalogue kind.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/probe_catalog.h"

namespace symptree {

// One value of one series: a catalogue metric, its label values (in the
// catalogue's label order) and the value.
struct Sample {
  const MetricInfo* metric = nullptr;
  std::vector<std::string> label_values;
  double value = 0;
};

// Collects the samples of one run of one collector. add() throws
// std::logic_error for a metric that is not in the collector's catalogue kind or
// has the wrong number of labels: a programming error, caught by the tests.
class Samples {
 public:
  explicit Samples(const ProbeKind& kind) : kind_(&kind) {}

  void add(std::string_view metric, std::vector<std::string> label_values, double value);
  const std::vector<Sample>& all() const { return samples_; }
  const ProbeKind& kind() const { return *kind_; }

 private:
  const ProbeKind* kind_;
  std::vector<Sample> samples_;
};

// The catalogue kind whose collector label is `collector`; throws when absent.
const ProbeKind& probe_kind_for_collector(std::string_view collector);

}  // namespace symptree
