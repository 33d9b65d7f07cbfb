// The Collector interface: one implementation per probe kind (collectors/),
// each turning one of the flowchart's shell diagnostics into samples, and what
// a run sees of the runner that drives it (ItemTracker).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/probe_metrics.h"
#include "exporter/core/samples.h"

namespace symptree {

// Where a run announces the item (path, URL, /proc) it is about to touch. The
// runner implements it to skip items that hung in an earlier run and to learn
// which item a timed-out run is stuck on; nothing here knows how.
class ItemTracker {
 public:
  enum class Admission {
    go,       // work on the item
    stuck,    // skip it: an earlier check of it has not returned
    stopped,  // skip everything: this run was abandoned after its timeout
  };
  virtual ~ItemTracker() = default;
  virtual Admission enter(const std::string& item) = 0;
  // The run has ended: no item is in progress any more.
  virtual void leave() = 0;
};

// What one collector run sees: where samples go, and which items it may touch.
class ProbeContext {
 public:
  // `tracker` is null outside a runner (in unit tests): nothing is skipped.
  ProbeContext(const ProbeKind& kind, ItemTracker* tracker);

  // Announces work on `item`. False when the item must be skipped: it is still
  // hung from an earlier run (a failure is recorded), or this run was abandoned.
  bool begin(const std::string& item);
  // Records that `item` could not be checked; the run then counts as failed.
  void fail(const std::string& item, const std::string& message);
  // Marks the end of the run: the last item is no longer in progress.
  void end();

  Samples& samples() { return samples_; }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  Samples samples_;
  ItemTracker* tracker_;
  std::vector<std::string> failures_;
};

// The label values of a metric with N labels: `{name}`, `{port, process}`, `{}`.
// Giving more or fewer values than the metric has labels does not compile.
template <size_t N>
struct LabelValues {
  template <typename... Values, typename = std::enable_if_t<sizeof...(Values) == N && (N > 0)>>
  LabelValues(Values&&... given) : values{std::string(std::forward<Values>(given))...} {}
  LabelValues() { static_assert(N == 0, "this metric takes labels"); }

  std::array<std::string, N> values;
};

// The samples of a collector of kind C: only C's catalogue constants go in.
template <CollectorId C>
class SamplesOf {
 public:
  explicit SamplesOf(Samples& samples) : samples_(samples) {}

  template <size_t N>
  void add(const MetricDef<C, N>& metric, LabelValues<N> labels, double value) {
    samples_.add(metric.name, std::vector<std::string>(labels.values.begin(), labels.values.end()), value);
  }

 private:
  Samples& samples_;
};

// One kind of probe (filesystems, ports, ...). collect() runs on a worker thread,
// never concurrently with itself for the same item.
class Collector {
 public:
  explicit Collector(std::string_view collector_name) : kind_(probe_kind_for_collector(collector_name)) {}
  virtual ~Collector() = default;

  const ProbeKind& kind() const { return kind_; }
  const std::string& name() const { return kind_.collector; }
  virtual void collect(ProbeContext& context) = 0;

 private:
  const ProbeKind& kind_;
};

// The base of every collector in collectors/: its kind C fixes its name and
// the only metrics it can emit.
template <CollectorId C>
class CollectorOf : public Collector {
 public:
  using Out = SamplesOf<C>;
  CollectorOf() : Collector(collector_name(C)) {}

  void collect(ProbeContext& context) final {
    Out out(context.samples());
    collect_into(context, out);
  }

 protected:
  virtual void collect_into(ProbeContext& context, Out& out) = 0;
};

}  // namespace symptree
