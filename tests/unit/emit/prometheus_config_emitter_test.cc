// Tests for emit/prometheus_config_emitter: one prometheus*.yml per replica
// from `deployment:`, nothing without it.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "deployment_fixture.h"
#include "generator/emit/prometheus_config_emitter.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("without deployment: no Prometheus configuration or cluster flags are written") {
  Compilation c = compile_ok(small_spec());
  CHECK_FALSE(c.model.deployment);
  for (const auto& [path, content] : c.outputs.files()) {
    CAPTURE(path);
    CHECK(path.rfind("prometheus/prometheus", 0) != 0);
    CHECK(path.rfind("alertmanager/cluster/", 0) != 0);
  }
}

TEST_CASE("one prometheus-<replica>.yml per replica, identical but for the replica label") {
  Compilation c = compile_ok(ha_spec());
  const auto& files = c.outputs.files();
  REQUIRE(files.count("prometheus/prometheus-prom-a.yml"));
  REQUIRE(files.count("prometheus/prometheus-prom-b.yml"));
  CHECK_FALSE(files.count("prometheus/prometheus.yml"));
  YAML::Node a = YAML::Load(files.at("prometheus/prometheus-prom-a.yml"));
  YAML::Node b = YAML::Load(files.at("prometheus/prometheus-prom-b.yml"));
  CHECK(a["global"]["external_labels"]["replica"].as<std::string>() == "prom-a");
  CHECK(b["global"]["external_labels"]["replica"].as<std::string>() == "prom-b");
  CHECK(a["global"]["external_labels"]["cluster"].as<std::string>() == "eu1");
  // Everything else is the same text.
  std::string text_a = files.at("prometheus/prometheus-prom-a.yml");
  std::string text_b = files.at("prometheus/prometheus-prom-b.yml");
  CHECK(replace(replace(text_a, "replica: prom-a", "replica: prom-b"), "replica prom-a of", "replica prom-b of") ==
        text_b);

  CHECK(a["global"]["scrape_interval"].as<std::string>() == "30s");
  CHECK(a["rule_files"][0].as<std::string>() == "rules/*.yml");  // the folder of rule files beside it
  YAML::Node relabel = a["alerting"]["alert_relabel_configs"];
  REQUIRE(relabel.size() == 1);
  CHECK(relabel[0]["action"].as<std::string>() == "labeldrop");
  CHECK(relabel[0]["regex"].as<std::string>() == "replica");
  YAML::Node targets = a["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"];
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].as<std::string>() == "10.0.0.1:9093");
  CHECK(targets[2].as<std::string>() == "am-3.example.com:9093");
}

TEST_CASE("both jobs scrape every host with the same join label") {
  Compilation c = compile_ok(ha_spec());
  YAML::Node config = YAML::Load(c.outputs.files().at("prometheus/prometheus-prom-a.yml"));
  REQUIRE(config["scrape_configs"].size() == 2);
  YAML::Node service = find_job(config, c.model.service_job);
  YAML::Node exporter = find_job(config, c.model.exporter_job);
  REQUIRE(service["static_configs"].size() == 2);
  CHECK(service["static_configs"][0]["targets"][0].as<std::string>() == "10.0.0.11:8080");
  CHECK(service["static_configs"][0]["labels"]["host"].as<std::string>() == "db-1");
  CHECK(exporter["static_configs"][1]["targets"][0].as<std::string>() == "10.0.0.12:9188");
  CHECK(exporter["static_configs"][1]["labels"]["host"].as<std::string>() == "db-2");
}

TEST_CASE("without replicas: one prometheus.yml without a replica label, rule_files_dir") {
  std::string spec = ha_spec(replace(replace(kDeployment, "    replicas: [prom-a, prom-b]\n", ""),
                                     "    external_labels", "    rule_files_dir: /etc/prometheus/shop/\n    external_labels"));
  Compilation c = compile_ok(spec);
  REQUIRE(c.outputs.files().count("prometheus/prometheus.yml"));
  YAML::Node config = YAML::Load(c.outputs.files().at("prometheus/prometheus.yml"));
  CHECK_FALSE(config["global"]["external_labels"]["replica"]);
  CHECK(config["rule_files"][0].as<std::string>() == "/etc/prometheus/shop/*.yml");
  CHECK(config["alerting"]["alert_relabel_configs"][0]["regex"].as<std::string>() == "replica");
}

TEST_CASE("join_on with two labels: a host's labels fill the others") {
  std::string spec = replace(small_spec(), "alert_prefix: Shop\n", "alert_prefix: Shop\njoin_on: [host, dc]\n");
  spec = replace(spec, "sum by (host) (rate(", "sum by (host, dc) (rate(");  // keeps both join labels
  CHECK(first_error(spec + kDeployment) == "host 'db-1' gives no value for the join_on label 'dc'");
  std::string filled = replace(replace(kDeployment, "service: \"10.0.0.11:8080\"}", "service: \"10.0.0.11:8080\", labels: {dc: fra}}"),
                               "service: \"10.0.0.12:8080\"}", "service: \"10.0.0.12:8080\", labels: {dc: ams}}");
  Compilation c = compile_ok(spec + filled);
  YAML::Node config = YAML::Load(c.outputs.files().at("prometheus/prometheus-prom-a.yml"));
  YAML::Node labels = find_job(config, c.model.exporter_job)["static_configs"][1]["labels"];
  CHECK(labels["host"].as<std::string>() == "db-2");
  CHECK(labels["dc"].as<std::string>() == "ams");
  CHECK(first_error(spec + replace(filled, "labels: {dc: fra}", "labels: {dc: fra, host: x}")) ==
        "a host's 'labels' cannot set 'host'");
}
