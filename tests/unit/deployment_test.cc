// Tests for `deployment:`: reading and validating it, prometheus*.yml per
// replica, the Alertmanager peers' flags, and that without the section
// nothing new is written. Also that rules.yml stays in the subset of the
// rule-file format that Thanos Ruler and Mimir's ruler load.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/host_port.h"
#include "generator/emit/alertmanager_cluster_emitter.h"
#include "generator/emit/prometheus_config_emitter.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// Two replicas, three Alertmanager peers, two hosts.
const std::string kDeployment = R"(deployment:
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

std::string ha_spec(const std::string& deployment = kDeployment) { return small_spec() + deployment; }

Compilation compile_ok(const std::string& text) {
  Diagnostics d;
  std::optional<Compilation> c = compile(text, d);
  REQUIRE_MESSAGE(c, d.format());
  return std::move(*c);
}

// Loads `text` and returns the first error ("" message when it loads).
Diagnostic first_diagnostic(const std::string& text) {
  Diagnostics d;
  std::optional<Model> model = load(text, d);
  if (model) return {};
  REQUIRE(d.count() >= 1);
  return d.errors().front();
}

std::string first_error(const std::string& text) { return first_diagnostic(text).message; }

// `text` with the first `from` replaced by `to`, loaded: its first error.
Diagnostic first_diagnostic_with(const std::string& from, const std::string& to) {
  REQUIRE(kDeployment.find(from) != std::string::npos);
  return first_diagnostic(ha_spec(replace(kDeployment, from, to)));
}

// The line of the first error, counted from the start of kDeployment.
int deployment_line(const Diagnostic& diagnostic) {
  const std::string spec = small_spec();
  return diagnostic.where.line - static_cast<int>(std::count(spec.begin(), spec.end(), '\n'));
}

const YAML::Node find_job(const YAML::Node& config, const std::string& job) {
  for (const YAML::Node& scrape : config["scrape_configs"]) {
    if (scrape["job_name"].as<std::string>() == job) return scrape;
  }
  FAIL("no scrape job " << job);
  return YAML::Node();
}

}  // namespace

TEST_CASE("without deployment: no Prometheus configuration or cluster flags are written") {
  Compilation c = compile_ok(small_spec());
  CHECK_FALSE(c.model.deployment);
  for (const auto& [path, content] : c.outputs.files()) {
    CAPTURE(path);
    CHECK(path.rfind("prometheus/prometheus", 0) != 0);
    CHECK(path.rfind("alertmanager/cluster/", 0) != 0);
  }
}

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
  CHECK(a["rule_files"][0].as<std::string>() == "rules.yml");
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

TEST_CASE("without replicas: one prometheus.yml without a replica label; rule_files_dir") {
  std::string spec = ha_spec(replace(replace(kDeployment, "    replicas: [prom-a, prom-b]\n", ""),
                                     "    external_labels", "    rule_files_dir: /etc/prometheus/shop/\n    external_labels"));
  Compilation c = compile_ok(spec);
  REQUIRE(c.outputs.files().count("prometheus/prometheus.yml"));
  YAML::Node config = YAML::Load(c.outputs.files().at("prometheus/prometheus.yml"));
  CHECK_FALSE(config["global"]["external_labels"]["replica"]);
  CHECK(config["rule_files"][0].as<std::string>() == "/etc/prometheus/shop/rules.yml");
  CHECK(config["alerting"]["alert_relabel_configs"][0]["regex"].as<std::string>() == "replica");
}

TEST_CASE("each Alertmanager peer gets its flags, naming every other peer") {
  Compilation c = compile_ok(ha_spec());
  const auto& files = c.outputs.files();
  REQUIRE(files.count("alertmanager/cluster/am-1.env"));
  CHECK(alertmanager_peer_args(c.model, 0) ==
        "--web.listen-address=10.0.0.1:9093 --cluster.listen-address=10.0.0.1:9094 "
        "--cluster.peer=10.0.0.2:9094 --cluster.peer=am-3.example.com:9094");
  // A peer named by DNS listens on every interface (an IP: on that IP alone).
  CHECK(alertmanager_peer_args(c.model, 2) ==
        "--web.listen-address=:9093 --cluster.listen-address=0.0.0.0:9094 "
        "--cluster.peer=10.0.0.1:9094 --cluster.peer=10.0.0.2:9094");
  std::string env = files.at("alertmanager/cluster/am-2.env");
  CHECK(env.find("\nARGS=\"" + alertmanager_peer_args(c.model, 1) + "\"\n") != std::string::npos);
  size_t start = 0;  // every other line is a comment
  for (size_t end = env.find('\n'); end != std::string::npos; start = end + 1, end = env.find('\n', start)) {
    std::string line = env.substr(start, end - start);
    CAPTURE(line);
    CHECK((line.rfind("#", 0) == 0 || line.rfind("ARGS=\"", 0) == 0));
  }
}

TEST_CASE("a lone Alertmanager needs no cluster address and gossips with nobody") {
  std::string one = "  alertmanagers:\n    - {name: am, address: \"127.0.0.1:9093\"}\n";
  std::string deployment = kDeployment.substr(0, kDeployment.find("  alertmanagers:")) + one +
                           kDeployment.substr(kDeployment.find("  hosts:"));
  Compilation c = compile_ok(ha_spec(deployment));
  CHECK(alertmanager_peer_args(c.model, 0) == "--web.listen-address=127.0.0.1:9093 --cluster.listen-address=");
}

TEST_CASE("the manifest lists the deployment's files") {
  Compilation c = compile_ok(ha_spec());
  nlohmann::json manifest = nlohmann::json::parse(c.outputs.files().at(kManifestName));
  for (const char* path : {"prometheus/prometheus-prom-a.yml", "prometheus/prometheus-prom-b.yml",
                           "alertmanager/cluster/am-1.env", "alertmanager/cluster/am-3.env"}) {
    CAPTURE(path);
    CHECK(manifest["files"][path] == sha256_hex(c.outputs.files().at(path)));
  }
}

TEST_CASE("join_on with two labels: a host's labels fill the others") {
  std::string spec = replace(small_spec(), "alert_prefix: Shop\n", "alert_prefix: Shop\njoin_on: [host, dc]\n");
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

TEST_CASE("host:port: what is accepted and why the rest is not") {
  for (const char* ok : {"10.0.0.1:9093", "am-1.example.com:9093", "localhost:1", "[::1]:9093", "[fe80::1]:65535"}) {
    CAPTURE(ok);
    CHECK(host_port_problem(ok) == "");
  }
  CHECK(host_port_problem("http://a:1") == "no scheme, only host:port");
  CHECK(host_port_problem("a:1/x") == "no path, only host:port");
  CHECK(host_port_problem("a") == "the port is missing");
  CHECK(host_port_problem(":9093") == "the host is missing");
  CHECK(host_port_problem("a:") == "the port must be a number");
  CHECK(host_port_problem("a:0") == "the port must be between 1 and 65535");
  CHECK(host_port_problem("a:65536") == "the port must be between 1 and 65535");
  CHECK(host_port_problem("::1:9093") == "write an IPv6 address in brackets, e.g. [::1]:9093");
  CHECK(host_port_problem("a b:1") == "'a b' is not a host name or address");
  // IP literals are judged by inet_pton, as the cluster emitter judges them.
  CHECK(host_port_problem("[:::::]:9093") == "'[:::::]' is not an IPv6 address");
  CHECK(host_port_problem("[::1::2]:9093") == "'[::1::2]' is not an IPv6 address");
  CHECK(host_port_problem("[am-1]:9093") == "'[am-1]' is not an IPv6 address");
  CHECK(host_port_problem("10.0.0.256:9093") == "'10.0.0.256' is not an IPv4 address");
  CHECK(host_port_problem("10.0.1:9093") == "'10.0.1' is not an IPv4 address");
  CHECK(host_port_problem("[::ffff:10.0.0.1]:9093") == "");
  CHECK(host_port_problem("10.example.com:9093") == "");
  CHECK(is_ip_literal("10.0.0.1"));
  CHECK(is_ip_literal("fe80::1"));
  CHECK_FALSE(is_ip_literal(":::::"));
  CHECK_FALSE(is_ip_literal("am-1.example.com"));
  CHECK(canonical_host_port("[0:0::1]:09093") == "[::1]:9093");
  CHECK(canonical_host_port("AM-1.Example.com:9093") == "am-1.example.com:9093");
  CHECK(host_of("[::1]:9093") == "::1");
  CHECK(port_of("[::1]:9093") == "9093");
}

TEST_CASE("external_labels cannot set a join_on label or one symptree's alerts carry") {
  // Prometheus adds an external label to every alert lacking it: a cluster-scoped alert would get host="x".
  Diagnostic join = first_diagnostic_with("external_labels: {cluster: eu1}", "external_labels: {cluster: eu1, host: x}");
  CHECK(join.message == "'external_labels' cannot set the join_on label 'host'");
  CHECK(join.hint.find("host=\"x\"") != std::string::npos);
  CHECK(deployment_line(join) == 5);
  CHECK(join.where.column == 37);  // the key `host`, not the mapping
  for (const char* label : {"severity", "priority", "service", "symptom", "node", "alertname", "instance", "job"}) {
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

// Thanos Ruler and Mimir's ruler read the plain rule-file format: groups of
// name and rules, rules of alert/record, expr, for, labels, annotations.
// Prometheus-only fields (keep_firing_for, limit, query_offset, interval
// overrides) would make them refuse or silently change the file.
TEST_CASE("rules.yml uses only what Thanos Ruler and Mimir's ruler accept") {
  Compilation c = compile_ok(ha_spec());
  YAML::Node rules = YAML::Load(c.outputs.files().at(kRulesPath));
  REQUIRE(rules.IsMap());
  CHECK(rules.size() == 1);  // only `groups`: no `namespace` (Prometheus refuses it)
  const std::set<std::string> group_keys = {"name", "rules"};
  const std::set<std::string> rule_keys = {"alert", "record", "expr", "for", "labels", "annotations"};
  std::set<std::string> names;
  for (const YAML::Node& group : rules["groups"]) {
    for (const auto& key : group) CHECK(group_keys.count(key.first.as<std::string>()));
    std::string name = group["name"].as<std::string>();
    CHECK(name.rfind(c.model.service + ".", 0) == 0);  // the service's groups never clash with another's
    CHECK(names.insert(name).second);
    for (const YAML::Node& rule : group["rules"]) {
      for (const auto& key : rule) {
        CAPTURE(key.first.as<std::string>());
        CHECK(rule_keys.count(key.first.as<std::string>()));
      }
    }
  }
}
