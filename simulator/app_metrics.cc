// AppMetrics: registration and the per-tick simulation.
#include "simulator/app_metrics.h"

#include <prometheus/text_serializer.h>

#include <sstream>

namespace stemedb_sim {
namespace {

constexpr double kQueriesPerSecond = 20;
constexpr double kFastQuerySeconds = 0.02;
constexpr double kSlowQuerySeconds = 2.5;

prometheus::Histogram::BucketBoundaries latency_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

prometheus::Gauge* gauge(prometheus::Registry& registry, const std::string& name, const std::string& help,
                         const prometheus::Labels& labels = {}) {
  return &prometheus::BuildGauge().Name(name).Help(help).Register(registry).Add(labels);
}

prometheus::Counter* counter(prometheus::Registry& registry, const std::string& name, const std::string& help,
                             const prometheus::Labels& labels = {}) {
  return &prometheus::BuildCounter().Name(name).Help(help).Register(registry).Add(labels);
}

}  // namespace

AppMetrics::AppMetrics() : registry_(std::make_shared<prometheus::Registry>()) {
  prometheus::Registry& r = *registry_;
  query_latency_ = &prometheus::BuildHistogram().Name("stemedb_query_latency_seconds")
                        .Help("Query latency.").Register(r).Add({}, latency_buckets());
  fsync_latency_ = &prometheus::BuildHistogram().Name("stemedb_wal_fsync_latency_seconds")
                        .Help("WAL fsync latency.").Register(r).Add({}, latency_buckets());
  replication_lag_ = gauge(r, "stemedb_replication_lag_seconds", "Replication lag behind the leader.");
  quarantine_pending_ = gauge(r, "stemedb_quarantine_pending", "Items waiting in quarantine.");
  circuit_breaker_ = gauge(r, "stemedb_circuit_breaker_state", "0 closed, 1 half-open, 2 open.",
                           {{"agent", "ingest-1"}});
  assertion_count_ = gauge(r, "stemedb_assertion_count", "Assertions stored.");
  auto& members = prometheus::BuildGauge().Name("stemedb_cluster_members").Help("Cluster members by SWIM state.")
                      .Register(r);
  members_alive_ = &members.Add({{"state", "alive"}});
  members_failed_ = &members.Add({{"state", "failed"}});
  shard_failures_ = counter(r, "stemedb_shard_query_failures_total", "Failed shard queries.", {{"shard", "7"}});
  index_errors_ = counter(r, "stemedb_index_errors_total", "Queries failed with an index error.");
  rate_limited_ = counter(r, "stemedb_rate_limited_requests_total", "Requests answered 429.",
                          {{"agent", "ingest-1"}});
  wal_replay_errors_ = counter(r, "stemedb_wal_replay_errors_total", "WAL records that failed to replay.");
}

void AppMetrics::tick(const Faults& faults, double seconds) {
  carry_ += kQueriesPerSecond * seconds;
  double latency = faults.on("slow_queries") ? kSlowQuerySeconds : kFastQuerySeconds;
  for (; carry_ >= 1; carry_ -= 1) {
    query_latency_->Observe(latency);
    fsync_latency_->Observe(0.002);
  }
  replication_lag_->Set(faults.on("replication_lag") ? 12 : 0.2);
  quarantine_pending_->Set(faults.on("quarantine_backlog") ? 150 : 3);
  circuit_breaker_->Set(faults.on("circuit_breaker_open") ? 2 : 0);
  assertion_count_->Set(faults.on("assertion_loss") ? 900 : 1200);
  members_alive_->Set(faults.on("node_failed") ? 2 : 3);
  members_failed_->Set(faults.on("node_failed") ? 1 : 0);
  if (faults.on("shard_failures")) shard_failures_->Increment(5 * seconds);
  if (faults.on("index_errors")) index_errors_->Increment(2 * seconds);
  if (faults.on("rate_limited")) rate_limited_->Increment(10 * seconds);
  if (faults.on("wal_replay_errors")) wal_replay_errors_->Increment(1 * seconds);
}

std::string AppMetrics::text() const {
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, registry_->Collect());
  return out.str();
}

}  // namespace stemedb_sim
