// Tests for reader/deployment_reader: `deployment:` read with its defaults,
// and every mistake in it an error at its line and column (addresses,
// external labels, addresses used twice, the scrape interval against the
// rules' range windows).
#include <doctest/doctest.h>

#include "deployment_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("deployment: defaults and values as written") {
  Diagnostics d;
  std::optional<Model> model = load(ha_spec(), d);
  REQUIRE_MESSAGE(model, d.format());
  REQUIRE(model->deployment);
  const Deployment& deployment = *model->deployment;
  CHECK(deployment.prometheus.scrape_interval.text == "30s");
  CHECK(deployment.prometheus.evaluation_interval.text == "15s");  // Prometheus' own default
  CHECK(deployment.prometheus.replica_label == "replica");
  CHECK(deployment.prometheus.replicas == std::vector<std::string>{"prom-a", "prom-b"});
  CHECK(deployment.alertmanagers.size() == 3);
  CHECK(deployment.hosts[1].service == "10.0.0.12:8080");
}

TEST_CASE("deployment mistakes are errors") {
  auto with = [](const std::string& from, const std::string& to) { return first_error(ha_spec(replace(kDeployment, from, to))); };
  CHECK(first_error(small_spec() + "deployment: {prometheus: {}}\n") ==
        "'deployment' is missing required key 'alertmanagers'");
  CHECK(with("replicas: [prom-a, prom-b]", "replicas: []") == "'replicas' must name at least one replica");
  CHECK(with("replicas: [prom-a, prom-b]", "replicas: [prom/a]") ==
        "replica name 'prom/a' must be letters, digits, '-', '_' or '.'");
  CHECK(with("external_labels: {cluster: eu1}", "external_labels: {replica: x}") ==
        "'external_labels' cannot set the replica label 'replica'");
  CHECK(with("external_labels: {cluster: eu1}", "external_labels: {__x: y}") == "'__x' is not a valid label name");
  CHECK(with("scrape_interval: 30s", "replica_label: severity") == "'replica_label' cannot be 'severity'");
  CHECK(with("name: am-2", "name: am-1") == "duplicate alertmanager name 'am-1'");
  CHECK(with("cluster: \"10.0.0.2:9094\"", "cluster: \"10.0.0.1:9094\"") == "address '10.0.0.1:9094' is used twice");
  CHECK(with("replicas: [prom-a, prom-b]", "replicas: [prom-a, prom-a]") == "duplicate replica name 'prom-a'");
  CHECK(with("exporter: \"10.0.0.12:9188\"", "exporter: \"10.0.0.11:9188\"") ==
        "address '10.0.0.11:9188' is used twice");
  CHECK(with("  hosts:", "  hostz: []\n  hosts:") == "unknown key 'hostz' in 'deployment'");
  CHECK(with(", exporter: \"10.0.0.11:9188\"", "") == "a host is missing required key 'exporter'");
  // Without a `host:` section there is no exporter to scrape.
  std::string no_host = small_spec();
  no_host.erase(no_host.find("host:\n"), no_host.find("app_metrics:") - no_host.find("host:\n"));
  CHECK(first_error(no_host + kDeployment) == "'exporter' is set, but the spec has no 'host:' section");
}

TEST_CASE("external_labels cannot set a join_on label or one symptree's alerts carry") {
  // Prometheus adds an external label to every alert lacking it: a cluster-scoped alert would get host="x".
  Diagnostic join = first_diagnostic_with("external_labels: {cluster: eu1}", "external_labels: {cluster: eu1, host: x}");
  CHECK(join.message == "'external_labels' cannot set the join_on label 'host'");
  CHECK(join.hint.find("host=\"x\"") != std::string::npos);
  CHECK(deployment_line(join) == 5);
  CHECK(join.where.column == 37);  // the key `host`, not the mapping
  for (const char* label : {"severity", "priority", "flowchart_service", "flowchart_symptom", "flowchart_node", "alertname", "instance", "job"}) {
    CAPTURE(label);
    CHECK(first_diagnostic_with("external_labels: {cluster: eu1}", std::string("external_labels: {") + label + ": x}")
              .message == "'external_labels' cannot set '" + std::string(label) + "', a label symptree's alerts use");
  }
  std::string two_labels = replace(small_spec(), "alert_prefix: Shop\n", "alert_prefix: Shop\njoin_on: [host, dc]\n");
  std::string filled = replace(replace(kDeployment, "service: \"10.0.0.11:8080\"}", "service: \"10.0.0.11:8080\", labels: {dc: a}}"),
                               "service: \"10.0.0.12:8080\"}", "service: \"10.0.0.12:8080\", labels: {dc: b}}");
  CHECK(first_error(two_labels + replace(filled, "{cluster: eu1}", "{dc: fra}")) ==
        "'external_labels' cannot set the join_on label 'dc'");
}

TEST_CASE("a bracketed address that inet_pton cannot read is refused, not listened on everywhere") {
  Diagnostic bad = first_diagnostic_with("address: \"10.0.0.2:9093\"", "address: \"[:::::]:9093\"");
  CHECK(bad.message == "'address' must be host:port, got '[:::::]:9093': '[:::::]' is not an IPv6 address");
  CHECK(deployment_line(bad) == 8);
  CHECK(first_error(ha_spec(replace(kDeployment, "cluster: \"10.0.0.1:9094\"", "cluster: \"10.0.0.300:9094\""))) ==
        "'cluster' must be host:port, got '10.0.0.300:9094': '10.0.0.300' is not an IPv4 address");
}

TEST_CASE("each address is used once in the whole section, and a peer's two listeners can both bind") {
  auto with = [](const std::string& from, const std::string& to) { return first_error(ha_spec(replace(kDeployment, from, to))); };
  // An Alertmanager's API at a host's exporter address: one listener cannot be both.
  CHECK(with("exporter: \"10.0.0.11:9188\"", "exporter: \"10.0.0.1:9093\"") == "address '10.0.0.1:9093' is used twice");
  CHECK(with("service: \"10.0.0.12:8080\"", "service: \"10.0.0.2:9094\"") == "address '10.0.0.2:9094' is used twice");
  // The same address spelled two ways.
  std::string v6 = replace(replace(kDeployment, "\"10.0.0.1:9093\"", "\"[::1]:9093\""), "\"10.0.0.2:9093\"",
                           "\"[0::1]:09093\"");
  CHECK(first_error(ha_spec(v6)) == "address '[0::1]:09093' is used twice");
  // A DNS name listens on every interface: it takes the port from the IP too.
  Diagnostic same_port = first_diagnostic_with(
      "{name: am-1, address: \"10.0.0.1:9093\", cluster: \"10.0.0.1:9094\"}",
      "{name: am-1, address: \"localhost:9093\", cluster: \"127.0.0.1:9093\"}");
  CHECK(same_port.message ==
        "'cluster' '127.0.0.1:9093' and 'address' 'localhost:9093' cannot both listen on port 9093");
  CHECK(deployment_line(same_port) == 7);
  CHECK(with("cluster: \"am-3.example.com:9094\"", "cluster: \"gossip-3.example.com:9093\"") ==
        "'cluster' 'gossip-3.example.com:9093' and 'address' 'am-3.example.com:9093' cannot both listen on port 9093");
  CHECK(with("cluster: \"10.0.0.1:9094\"", "cluster: \"0.0.0.0:9093\"") ==
        "'cluster' '0.0.0.0:9093' and 'address' '10.0.0.1:9093' cannot both listen on port 9093");
  // Two different IPs may share a port.
  CHECK(with("cluster: \"10.0.0.1:9094\"", "cluster: \"10.0.1.1:9093\"") == "");
}

TEST_CASE("scrape_interval leaves two samples in the rules' smallest range window") {
  // The small spec's errors_rising reads rate(...[5m]).
  Diagnostic slow = first_diagnostic_with("scrape_interval: 30s", "scrape_interval: 10m");
  CHECK(slow.message ==
        "'scrape_interval' 10m is too long for the rules: 'errors_rising' reads a [5m] window, which needs two "
        "scrapes in it");
  CHECK(slow.hint == "use a scrape_interval of at most 2m30s, or widen the window");
  CHECK(deployment_line(slow) == 3);
  CHECK(slow.where.column == 22);  // the value, 10m
  CHECK(first_error(ha_spec(replace(kDeployment, "scrape_interval: 30s", "scrape_interval: 2m30s"))) == "");
  CHECK(first_error(ha_spec(replace(kDeployment, "scrape_interval: 30s", "scrape_interval: 2m31s"))) != "");
  // The smallest window counts, wherever it is; a subquery's [range:step] is not a range selector.
  std::string spec = replace(small_spec(), "[5m]", "[50s]");
  REQUIRE(spec != small_spec());
  CHECK(first_error(spec + kDeployment) ==
        "'scrape_interval' 30s is too long for the rules: 'errors_rising' reads a [50s] window, which needs two "
        "scrapes in it");
  CHECK(first_error(replace(small_spec(), "[5m]", "[1m]") + kDeployment) == "");  // two samples of 30s fit in 1m
  std::string subquery = replace(small_spec(), "[5m]", "[5m:10s]");
  CHECK(first_error(subquery + replace(kDeployment, "scrape_interval: 30s", "scrape_interval: 10m")) == "");
}
