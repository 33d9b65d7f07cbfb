// docs/exporter-metrics.md is the exporter's metric catalogue (common/
// probe_metrics.h) as a user reads it: this test renders the catalogue and
// fails when the page differs. Regenerate the page with
//   SYMPTREE_WRITE_DOCS=1 build/tests/symptree_unit_tests -tc='docs/exporter-metrics.md*'
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "common/probe_metrics.h"

using namespace symptree;

namespace {

const char* kIntro =
    "# symptree-exporter's metrics\n\n"
    "<!-- Generated from common/probe_metrics.h by tests/unit/common/metric_catalogue_doc_test.cc; "
    "do not edit. -->\n\n"
    "What a spec's conditions may read from `symptree-exporter`, by the `host:` section key that configures\n"
    "them (docs/spec.md). The `name` label is the probe's `name:` in that section and `port` its `port:`;\n"
    "every series also carries the scrape's `instance` and `job` and the `join_on` labels the target adds.\n"
    "A condition that reads one of these metrics without its section configured, or with a label or probe\n"
    "name that does not exist, is an error at its line and column. Timestamps are Unix seconds: write an\n"
    "age as `time() - x`.\n";

std::string labels_of(const MetricEntry& metric) {
  std::string out;
  for (size_t i = 0; i < metric.label_count; ++i) out += (i ? ", `" : "`") + std::string(metric.labels[i]) + "`";
  return out.empty() ? "none" : out;
}

std::string render_catalogue() {
  std::ostringstream out;
  out << kIntro;
  for (const CollectorInfo& collector : kCollectors) {
    out << "\n## " << (collector.key.empty() ? "The exporter itself (always)" : "`host." + std::string(collector.key) + "`")
        << "\n\n| metric | type | labels | meaning |\n|---|---|---|---|\n";
    for (const MetricEntry& metric : kAllMetrics) {
      if (collector_name(metric.owner) != collector.name) continue;
      out << "| `" << metric.name << "` | " << metric.type << " | " << labels_of(metric) << " | " << metric.help
          << " |\n";
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("docs/exporter-metrics.md lists every metric of the catalogue, as generated") {
  std::string path = std::string(SYMPTREE_SOURCE_DIR) + "/docs/exporter-metrics.md";
  std::string expected = render_catalogue();
  if (std::getenv("SYMPTREE_WRITE_DOCS")) std::ofstream(path) << expected;
  std::ifstream in(path);
  std::stringstream page;
  page << in.rdbuf();
  CHECK_MESSAGE(page.str() == expected, "docs/exporter-metrics.md is stale; regenerate it (see this test's comment)");
}
