// AppMetrics: the metrics StemeDB exposes on /metrics (flowchart-spec/stemedb.yaml
// app_metrics), advanced by tick() according to the faults that are on.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>

#include "simulator/faults.h"

namespace stemedb_sim {

class AppMetrics {
 public:
  AppMetrics();

  // Advances the simulation by `seconds`: queries observed, counters increased,
  // gauges set, each according to `faults`.
  void tick(const Faults& faults, double seconds);
  // The Prometheus text exposition of every metric.
  std::string text() const;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Histogram* query_latency_;
  prometheus::Histogram* fsync_latency_;
  prometheus::Gauge* replication_lag_;
  prometheus::Gauge* quarantine_pending_;
  prometheus::Gauge* circuit_breaker_;
  prometheus::Gauge* assertion_count_;
  prometheus::Gauge* members_alive_;
  prometheus::Gauge* members_failed_;
  prometheus::Counter* shard_failures_;
  prometheus::Counter* index_errors_;
  prometheus::Counter* rate_limited_;
  prometheus::Counter* wal_replay_errors_;
  double carry_ = 0;  // fractional queries not yet observed
};

}  // namespace stemedb_sim
