// The catalogue and the collectors agree: every catalogue metric is emitted by
// its collector's file, and every constant is named after its metric.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "common/probe_catalog.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The constant's name for a metric: symptree_filesystem_size_bytes -> filesystem_size_bytes.
std::string constant_for(const std::string& metric) { return metric.substr(std::string("symptree_").size()); }

}  // namespace

TEST_CASE("every catalogue metric is emitted by its collector's file") {
  // Guards against a catalogue entry no collector emits (alert rules would never fire).
  for (const ProbeKind& kind : probe_catalog()) {
    std::string source = read_file(std::string(SYMPTREE_SOURCE_DIR) + "/exporter/collectors/" + kind.collector + ".cc");
    REQUIRE_FALSE(source.empty());
    for (const MetricInfo& metric : kind.metrics) {
      CAPTURE(metric.name);
      CHECK(source.find("metric::" + constant_for(metric.name) + ",") != std::string::npos);
    }
  }
}

TEST_CASE("every metric constant is named after its metric, and the catalogue holds each of them once") {
  std::string header = read_file(std::string(SYMPTREE_SOURCE_DIR) + "/common/probe_metrics.h");
  std::regex constant(R"re(Def<C::(\w+), \d> (\w+)\{"(\w+)")re");
  std::set<std::string> catalogued;
  for (const ProbeKind& kind : probe_catalog()) {
    for (const MetricInfo& metric : kind.metrics) catalogued.insert(metric.name);
  }
  for (const MetricInfo& metric : exporter_self_metrics()) catalogued.insert(metric.name);
  size_t constants = 0;
  for (std::sregex_iterator it(header.begin(), header.end(), constant), end; it != end; ++it, ++constants) {
    std::string name = (*it)[3];
    CAPTURE(name);
    CHECK(name == "symptree_" + std::string((*it)[2]));
    CHECK(catalogued.count(name) == 1);
  }
  CHECK(constants == catalogued.size());
}
