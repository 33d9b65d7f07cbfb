// Faults: the catalogue and the on/off state.
#include "simulator/faults.h"

namespace stemedb_sim {

const std::map<std::string, std::string>& Faults::catalog() {
  static const std::map<std::string, std::string> faults = {
      {"slow_queries", "queries_slow: every query takes 2.5 s (p99 > 1 s)"},
      {"replication_lag", "queries_slow -> replication_lag: lag 12 s"},
      {"shard_failures", "queries_slow -> shard_hotspot: shard 7 fails 5 queries/s"},
      {"index_errors", "queries_slow -> index_corruption: 2 index errors/s"},
      {"quarantine_backlog", "admin_issues -> quarantine_overflow: 150 pending"},
      {"circuit_breaker_open", "admin_issues -> circuit_breaker_open: agent ingest-1 OPEN (2)"},
      {"rate_limited", "admin_issues -> agent_rate_limited: ingest-1 gets 10 429s/s"},
      {"wal_replay_errors", "data_issues -> wal_corruption_on_startup: 1 replay error/s"},
      {"assertion_loss", "data_issues -> assertion_count_mismatch: 900 assertions"},
      {"node_failed", "cluster_ops -> replace_failed_node: 1 member failed"},
  };
  return faults;
}

bool Faults::set(const std::string& name, bool on) {
  if (catalog().count(name) == 0) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  state_[name] = on;
  return true;
}

bool Faults::on(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = state_.find(name);
  return it != state_.end() && it->second;
}

std::string Faults::describe() const {
  std::string out;
  for (const auto& [name, branch] : catalog()) {
    out += name + (on(name) ? " on   " : " off  ") + branch + "\n";
  }
  return out;
}

}  // namespace stemedb_sim
