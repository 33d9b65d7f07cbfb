// Tests for generator/model/series_job: the scrape job of a metric (source,
// service, symptree-exporter, a job matcher) and of the series an expression keeps.
#include "generator/model/series_job.h"

#include <doctest/doctest.h>

#include "generator/promql/parser.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec (service `shop`, app metrics shop_*, a filesystem probe)
// with two sources: redis_* scraped by redis-exporter, node_* by node-exporter.
Model two_sources() {
  return load_ok(replace(small_spec(), "symptoms:\n",
                         "sources:\n"
                         "  - {name: redis, job: redis-exporter, labels: [host], prefixes: [redis_]}\n"
                         "  - {name: node, job: node-exporter, labels: [host], prefixes: [node_]}\n"
                         "symptoms:\n"));
}

// The job of `expr`'s series in `model`, "?" when not certain.
std::string job_of(const Model& model, const std::string& expr) {
  promql::ParseResult parsed = promql::parse_promql(expr);
  REQUIRE_MESSAGE(parsed.ok(), expr);
  return series_job(model, *parsed.expr).value_or("?");
}

}  // namespace

TEST_CASE("a metric's job: its source's, the exporter's, the service's, or unknown") {
  Model model = two_sources();
  CHECK(metric_job(model, "redis_up") == "redis-exporter");
  CHECK(metric_job(model, "node_load1") == "node-exporter");
  CHECK(metric_job(model, "symptree_filesystem_used_ratio") == "symptree-exporter");
  CHECK(metric_job(model, "symptree_collector_success") == "symptree-exporter");
  CHECK(metric_job(model, "shop_queue_depth") == "shop");
  CHECK_FALSE(metric_job(model, "up"));
  CHECK_FALSE(metric_job(model, "ALERTS"));
}

TEST_CASE("an expression's job follows the series its result keeps") {
  Model model = two_sources();
  CHECK(job_of(model, "redis_up == 0") == "redis-exporter");
  CHECK(job_of(model, "sum by (host) (rate(redis_commands_total[5m])) > 10") == "redis-exporter");
  CHECK(job_of(model, "histogram_quantile(0.9, rate(redis_latency_bucket[5m]))") == "redis-exporter");
  CHECK(job_of(model, "max_over_time(node_load1[10m:1m])") == "node-exporter");
  CHECK(job_of(model, "up{job=\"node-exporter\"} == 0") == "node-exporter");
  CHECK(job_of(model, "absent(up{job=\"node-exporter\"})") == "node-exporter");
  CHECK(job_of(model, "redis_up and node_load1") == "redis-exporter");    // and keeps the left side
  CHECK(job_of(model, "redis_up * on (host) group_right node_load1") == "node-exporter");
  CHECK(job_of(model, "redis_a * on (host) group_left (job, instance) node_b") == "node-exporter");
  CHECK(job_of(model, "redis_a or redis_b") == "redis-exporter");
  CHECK(job_of(model, "2 * node_load1") == "node-exporter");
  CHECK(job_of(model, "label_replace(redis_up, \"role\", \"$1\", \"host\", \"(.*)\")") == "redis-exporter");
}

TEST_CASE("an expression whose series come from no one certain job") {
  Model model = two_sources();
  CHECK(job_of(model, "up == 0") == "?");
  CHECK(job_of(model, "redis_up or node_load1") == "?");
  CHECK(job_of(model, "label_replace(redis_up, \"job\", \"node-exporter\", \"\", \"\")") == "?");
  CHECK(job_of(model, "label_join(redis_up, \"instance\", \",\", \"host\")") == "?");
  CHECK(job_of(model, "redis_a * on (host) group_left (instance) node_b") == "?");
  CHECK(job_of(model, "vector(0)") == "?");
  CHECK(job_of(model, "absent(redis_up)") == "?");
  CHECK(job_of(model, "time()") == "?");
  CHECK(job_of(model, "{__name__=~\"redis_.*\"}") == "?");
  CHECK(job_of(model, "unknown_metric") == "?");
}
