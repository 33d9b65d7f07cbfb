// The spec's optional `deployment:` section: where the service runs and how it
// is monitored beyond one machine (identical Prometheus replicas sending to
// every member of a gossiping Alertmanager cluster). Read by
// spec/deployment_reader.cc; rendered into prometheus*.yml and the
// Alertmanager peers' cluster flags by emit/prometheus_config_emitter.cc and
// emit/alertmanager_cluster_emitter.cc.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/duration.h"

namespace symptree {

// The Prometheus servers that evaluate the rules: one, or identical replicas
// told apart only by the replica external label.
struct PrometheusDeployment {
  Duration scrape_interval;
  Duration evaluation_interval;
  std::string replica_label = "replica";            // external label naming the replica; dropped before alerting
  std::vector<std::string> replicas;                // empty: one server, prometheus.yml
  std::map<std::string, std::string> external_labels;  // added on every replica
  std::string rule_files_dir;  // the folder of the rule files on the Prometheus host; "" = rules/ beside prometheus.yml
};

// One member of the Alertmanager cluster. Prometheus sends to every member.
struct AlertmanagerPeer {
  std::string name;     // file name of its flags: alertmanager/cluster/<name>.env
  std::string address;  // host:port of its API, where Prometheus sends alerts
  std::string cluster;  // host:port of its gossip listener; "" only when it is the only peer
};

// One host running the service and symptree-exporter: two scrape targets that
// carry the same join_on labels.
struct DeploymentHost {
  std::string name;                           // value of the first join_on label
  std::string exporter;                       // host:port of symptree-exporter; "" when the spec has no `host:`
  std::string service;                        // host:port of the service's own /metrics
  std::map<std::string, std::string> labels;  // target labels: the other join_on labels, and any extra
  std::map<std::string, std::string> sources;  // host:port of each declared source scraped on this host, by source name
};

// The whole `deployment:` section.
struct Deployment {
  PrometheusDeployment prometheus;
  std::vector<AlertmanagerPeer> alertmanagers;
  std::vector<DeploymentHost> hosts;
};

}  // namespace symptree
