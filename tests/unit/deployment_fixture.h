// The `deployment:` section the deployment tests share: two Prometheus
// replicas, three Alertmanager peers, two hosts; and helpers to load the small
// spec with a variation of it.
#pragma once

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>

#include "spec_fixture.h"

namespace symptree::testing {

// Two replicas, three Alertmanager peers, two hosts.
inline const std::string kDeployment = R"(deployment:
  prometheus:
    scrape_interval: 30s
    replicas: [prom-a, prom-b]
    external_labels: {cluster: eu1}
  alertmanagers:
    - {name: am-1, address: "10.0.0.1:9093", cluster: "10.0.0.1:9094"}
    - {name: am-2, address: "10.0.0.2:9093", cluster: "10.0.0.2:9094"}
    - {name: am-3, address: "am-3.example.com:9093", cluster: "am-3.example.com:9094"}
  hosts:
    - {name: db-1, exporter: "10.0.0.11:9188", service: "10.0.0.11:8080"}
    - {name: db-2, exporter: "10.0.0.12:9188", service: "10.0.0.12:8080"}
)";

// The small spec with `deployment` appended.
inline std::string ha_spec(const std::string& deployment = kDeployment) { return small_spec() + deployment; }

// The small spec with kDeployment, its first `from` replaced by `to`: its first error.
inline Diagnostic first_diagnostic_with(const std::string& from, const std::string& to) {
  REQUIRE(kDeployment.find(from) != std::string::npos);
  return first_diagnostic(ha_spec(replace(kDeployment, from, to)));
}

// The line of a diagnostic, counted from the start of kDeployment.
inline int deployment_line(const Diagnostic& diagnostic) {
  const std::string spec = small_spec();
  return diagnostic.where.line - static_cast<int>(std::count(spec.begin(), spec.end(), '\n'));
}

// The scrape job named `job` in a Prometheus configuration.
inline YAML::Node find_job(const YAML::Node& config, const std::string& job) {
  for (const YAML::Node& scrape : config["scrape_configs"]) {
    if (scrape["job_name"].as<std::string>() == job) return scrape;
  }
  FAIL("no scrape job " << job);
  return YAML::Node();
}

}  // namespace symptree::testing
