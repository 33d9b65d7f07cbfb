// Tests for common/probe_catalog: the metric families each probe kind
// produces, the lookup from a metric to its probe, and Prometheus' own names.
#include "common/probe_catalog.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "common/host_config.h"
#include "generator/reader/names.h"

using namespace symptree;

TEST_CASE("every configured probe kind is a host section key, and every metric is named and typed once") {
  const std::vector<std::string>& keys = host_config_keys();
  std::set<std::string> names;
  std::set<std::string> collectors;
  for (const ProbeKind& kind : probe_catalog()) {
    CAPTURE(kind.key);
    // A kind with settings is configured under its key; an always-on one has nothing to configure.
    CHECK((std::find(keys.begin(), keys.end(), kind.key) != keys.end()) == !kind.always);
    CHECK(collectors.insert(kind.collector).second);
    CHECK_FALSE(kind.metrics.empty());
    for (const MetricInfo& metric : kind.metrics) {
      CAPTURE(metric.name);
      CHECK(is_metric_name(metric.name));
      CHECK(metric.name.rfind("symptree_", 0) == 0);
      CHECK((metric.type == "gauge" || metric.type == "counter"));
      CHECK((metric.type != "counter" || metric.name.size() > 6));
      if (metric.type == "counter") CHECK(metric.name.compare(metric.name.size() - 6, 6, "_total") == 0);
      CHECK_FALSE(metric.help.empty());
      CHECK(names.insert(metric.name).second);
    }
  }
  for (const MetricInfo& metric : exporter_self_metrics()) CHECK(names.insert(metric.name).second);
}

TEST_CASE("a kind that needs no settings is one every host has, with no entry under host:") {
  std::vector<ProbeKind> catalog = probe_catalog();
  catalog.push_back({"loadavg", "loadavg", {{"symptree_load1", "gauge", "1-minute load average.", {}}}, true});
  CHECK(probe_kind_runs_always("loadavg", catalog));
  CHECK_FALSE(probe_kind_runs_always("filesystems", catalog));  // configured by its entries
  CHECK_FALSE(probe_kind_runs_always("nonsense", catalog));
  for (const ProbeKind& kind : probe_catalog()) {
    CAPTURE(kind.key);
    CHECK(probe_kind_runs_always(kind.key) == kind.always);
  }
}

TEST_CASE("a metric leads to the probe that produces it") {
  const ProbeKind* kind = probe_for_metric("symptree_port_foreign_owner");
  REQUIRE(kind);
  CHECK(kind->key == "ports");
  CHECK(kind->collector == "port");
  REQUIRE(probe_for_metric("symptree_memory_used_ratio"));
  CHECK(probe_for_metric("symptree_memory_used_ratio")->key == "memory");
  CHECK(probe_for_metric("symptree_collector_success") == nullptr);  // the exporter's own, no probe
  CHECK(probe_for_metric("shop_queue_depth") == nullptr);
}

TEST_CASE("Prometheus' own series are built in") {
  for (const char* name : {"up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped"}) {
    CAPTURE(name);
    CHECK(is_builtin_metric(name));
  }
  CHECK_FALSE(is_builtin_metric("uptime"));
  CHECK_FALSE(is_builtin_metric("symptree_process_up"));
}
