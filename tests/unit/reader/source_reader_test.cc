// Tests for reader/source_reader: `sources:` as written, and each mistake at
// its line and column (expect_error).
#include "generator/reader/source_reader.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with `sources:` holding `entries` (one flow mapping a line).
std::string with_sources(const std::string& entries) {
  return replace(small_spec(), "symptoms:\n", "sources:\n" + entries + "symptoms:\n");
}

const std::string kPostgres = "  - {name: postgres, job: postgres-exporter, labels: [host, datname], prefixes: [pg_]}\n";

}  // namespace

TEST_CASE("sources as written, in order, and none without the key") {
  CHECK(load_ok(small_spec()).sources.empty());
  Model model = load_ok(with_sources(kPostgres + "  - {name: kube, job: kube-state-metrics, labels: [namespace, pod], "
                                                 "metrics: [kube_pod_status_phase]}\n"));
  REQUIRE(model.sources.size() == 2);
  const Source& pg = model.sources[0];
  CHECK(pg.name == "postgres");
  CHECK(pg.job == "postgres-exporter");
  CHECK(pg.labels == std::vector<std::string>{"host", "datname"});
  CHECK(pg.prefixes == std::vector<std::string>{"pg_"});
  CHECK(pg.metrics.empty());
  CHECK(model.sources[1].metrics == std::vector<std::string>{"kube_pod_status_phase"});
  CHECK(load_ok(with_sources("  - {name: probes, job: blackbox, labels: [], metrics: [probe_success]}\n"))
            .sources[0].labels.empty());
}

TEST_CASE("a source's names: unique, snake case, not an implicit source's") {
  expect_error(with_sources(kPostgres + "  - {name: postgres, job: other, labels: [host], prefixes: [x_]}\n"),
               "postgres, job: other", "source 'postgres' is defined twice");
  expect_error(with_sources("  - {name: Postgres, job: pg, labels: [host], prefixes: [pg_]}\n"), "Postgres",
               "must match [a-z][a-z0-9_]*");
  expect_error(with_sources("  - {name: service, job: pg, labels: [host], prefixes: [pg_]}\n"), "service, job",
               "taken by the implicit source");
}

TEST_CASE("a source's job: its own, not the service's or the exporter's") {
  expect_error(with_sources(kPostgres + "  - {name: pg2, job: postgres-exporter, labels: [host], prefixes: [x_]}\n"),
               "postgres-exporter, labels: [host], prefixes: [x_]", "job 'postgres-exporter' is given to two sources");
  expect_error(with_sources("  - {name: pg, job: shop, labels: [host], prefixes: [pg_]}\n"), "shop, labels",
               "job 'shop' is the service's job", "app_metrics");
  expect_error(with_sources("  - {name: pg, job: symptree-exporter, labels: [host], prefixes: [pg_]}\n"),
               "symptree-exporter, labels", "symptree-exporter's job");
  expect_error(with_sources("  - {name: pg, labels: [host], prefixes: [pg_]}\n"), "{name: pg", "job");
}

TEST_CASE("a source's labels: required, valid, not instance/job nor one symptree sets") {
  expect_error(with_sources("  - {name: pg, job: pg, prefixes: [pg_]}\n"), "{name: pg", "labels");
  expect_error(with_sources("  - {name: pg, job: pg, labels: [host, flowchart_node], prefixes: [pg_]}\n"),
               "flowchart_node", "label 'flowchart_node' is one symptree sets");
  expect_error(with_sources("  - {name: pg, job: pg, labels: [instance], prefixes: [pg_]}\n"), "instance]",
               "'instance' need not be listed");
  expect_error(with_sources("  - {name: pg, job: pg, labels: [host, host], prefixes: [pg_]}\n"), "host], prefixes",
               "label 'host' is listed twice");
  expect_error(with_sources("  - {name: pg, job: pg, labels: [__meta], prefixes: [pg_]}\n"), "__meta",
               "not a valid label name");
}

TEST_CASE("a source owns at least one metric, by valid prefixes or names, and has no unknown keys") {
  expect_error(with_sources("  - {name: pg, job: pg, labels: [host]}\n"), "{name: pg", "source 'pg' owns no metric");
  expect_error(with_sources("  - {name: pg, job: pg, labels: [host], prefixes: [\"pg-\"]}\n"), "\"pg-\"",
               "prefix 'pg-' is not the start of a metric name");
  expect_error(with_sources("  - {name: pg, job: pg, labels: [host], metrics: [\"9up\"]}\n"), "\"9up\"",
               "'9up' is not a valid metric name");
  expect_error(with_sources("  - {name: pg, job: pg, labels: [host], prefixes: [pg_], port: 9187}\n"), "port: 9187",
               "unknown key 'port'");
}

// `target_labels:` says which of its labels the scrape configuration sets on
// its targets (kube-state-metrics' `namespace` is its series', not its target's).
TEST_CASE("a source's target labels are some of its labels") {
  CHECK_FALSE(load_ok(with_sources(kPostgres)).sources[0].target_labels);
  Model model = load_ok(with_sources(
      "  - {name: postgres, job: postgres-exporter, labels: [host, datname], target_labels: [host], prefixes: [pg_]}\n"));
  CHECK(model.sources[0].target_labels == std::vector<std::string>{"host"});
  CHECK(load_ok(with_sources(
                    "  - {name: kube, job: ksm, labels: [namespace], target_labels: [], metrics: [kube_pod_info]}\n"))
            .sources[0]
            .target_labels->empty());
  expect_error(with_sources("  - {name: postgres, job: postgres-exporter, labels: [datname], target_labels: [host], "
                            "prefixes: [pg_]}\n"),
               "host], prefixes", "target label 'host' is not one of the source's labels");
}

