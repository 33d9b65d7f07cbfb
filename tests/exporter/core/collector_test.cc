// ProbeContext against a scripted ItemTracker, and the compile-time checks of
// SamplesOf<C> and LabelValues<N> (as static_asserts: a wrong call must not compile).
#include <doctest/doctest.h>

#include <map>
#include <type_traits>

#include "exporter/core/collector.h"

using namespace symptree;

namespace {

// An ItemTracker that answers from a table and records what it was told.
class ScriptedTracker : public ItemTracker {
 public:
  std::map<std::string, Admission> answers;
  std::vector<std::string> entered;
  int left = 0;

  Admission enter(const std::string& item) override {
    entered.push_back(item);
    auto found = answers.find(item);
    return found == answers.end() ? Admission::go : found->second;
  }
  void leave() override { left++; }
};

// Whether SamplesOf<Owner>::add accepts `Metric` with `Labels`.
template <CollectorId Owner, typename Metric, typename Labels, typename = void>
struct can_add : std::false_type {};
template <CollectorId Owner, typename Metric, typename Labels>
struct can_add<Owner, Metric, Labels,
               std::void_t<decltype(std::declval<SamplesOf<Owner>&>().add(std::declval<const Metric&>(),
                                                                           std::declval<Labels>(), 1.0))>>
    : std::true_type {};

using FilesystemMetric = std::remove_cv_t<decltype(metric::filesystem_size_bytes)>;
using DirectoryMetric = std::remove_cv_t<decltype(metric::directory_files)>;
using PortInfoMetric = std::remove_cv_t<decltype(metric::port_owner_info)>;

// A collector can add its own metric, not another collector's.
static_assert(can_add<CollectorId::filesystem, FilesystemMetric, LabelValues<1>>::value);
static_assert(!can_add<CollectorId::filesystem, DirectoryMetric, LabelValues<1>>::value);
static_assert(!can_add<CollectorId::filesystem, PortInfoMetric, LabelValues<2>>::value);
// The label values must match the metric's label count.
static_assert(!can_add<CollectorId::port, PortInfoMetric, LabelValues<1>>::value);
static_assert(std::is_constructible_v<LabelValues<2>, std::string, const char*>);
static_assert(!std::is_constructible_v<LabelValues<2>, std::string>);
static_assert(!std::is_constructible_v<LabelValues<1>, std::string, std::string>);

}  // namespace

TEST_CASE("ProbeContext: items go, stuck ones are skipped with a failure, a stopped run skips silently") {
  ScriptedTracker tracker;
  tracker.answers["/stuck"] = ItemTracker::Admission::stuck;
  tracker.answers["/late"] = ItemTracker::Admission::stopped;
  ProbeContext context(probe_kind_for_collector("filesystem"), &tracker);
  CHECK(context.begin("/ok"));
  CHECK_FALSE(context.begin("/stuck"));
  CHECK_FALSE(context.begin("/late"));
  context.end();
  CHECK(tracker.entered == std::vector<std::string>{"/ok", "/stuck", "/late"});
  CHECK(tracker.left == 1);
  REQUIRE(context.failures().size() == 1);
  CHECK(context.failures()[0] == "'/stuck' is skipped: an earlier check of it has not returned");
}

TEST_CASE("ProbeContext without a tracker lets everything through, fail() names the item") {
  ProbeContext context(probe_kind_for_collector("memory"), nullptr);
  CHECK(context.begin("/proc/meminfo"));
  context.fail("/proc/meminfo", "no MemTotal");
  context.fail("", "internal error: x");
  context.end();
  CHECK(context.failures() == std::vector<std::string>{"'/proc/meminfo': no MemTotal", "internal error: x"});
}

TEST_CASE("SamplesOf adds a constant's series with its label values") {
  ProbeContext context(probe_kind_for_collector("port"), nullptr);
  SamplesOf<CollectorId::port> out(context.samples());
  out.add(metric::port_owner_info, {"18180", "stemedb-api"}, 1);
  REQUIRE(context.samples().all().size() == 1);
  const Sample& sample = context.samples().all()[0];
  CHECK(sample.metric->name == "symptree_port_owner_info");
  CHECK(sample.label_values == std::vector<std::string>{"18180", "stemedb-api"});
}
