# The generated tests are not vacuous: break the rules the way a hand edit or
# a generator bug would, and promtool test rules must fail on exactly that.
source "$(dirname "$0")/lib/common.bash"
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/good" -q
rules="$WORK/good/prometheus/rules.yml"

# mutate NAME SED_EXPRESSION EXPECTED_FAILING_ALERT
mutate() {
  local name=$1 expression=$2 alert=$3
  rm -rf "$WORK/bad" && cp -r "$WORK/good" "$WORK/bad"
  sed -i "$expression" "$WORK/bad/prometheus/rules.yml"
  cmp -s "$rules" "$WORK/bad/prometheus/rules.yml" && fail "$name: the mutation changed nothing"
  expect_exit 1 promtool test rules "$WORK/bad/prometheus/rules.test.yml"
  expect_output "alertname: $alert"
  pass "$name breaks $alert's tests"
}

mutate "threshold 0.95 -> 0.96" '0,/used_ratio{name="data"} > 0.95/s//used_ratio{name="data"} > 0.96/' StemeDBDiskFull
mutate "threshold 5 -> 6" 's/stemedb_replication_lag_seconds > 5/stemedb_replication_lag_seconds > 6/' StemeDBReplicationLag
mutate "operator == 1 -> >= 1" '0,/symptree_port_foreign_owner{port="18180"} == 1/s//symptree_port_foreign_owner{port="18180"} >= 0/' StemeDBPortConflict
# Memory pressure (from symptree-exporter) under slow queries (from the service):
# different scrape targets, so joining on instance instead of host never matches.
mutate "join on instance" '/alert: StemeDBMemoryPressure/,/for:/{s/and on (host)/and on (instance)/}' StemeDBMemoryPressure
mutate "ancestor dropped" '/alert: StemeDBPermissionDenied/,/for:/{s/== 0$/== 0 or vector(1)/}' StemeDBPermissionDenied
mutate "for 5m -> 1m" '/alert: StemeDBQueriesSlow/,/for:/{s/for: 5m/for: 1m/}' StemeDBQueriesSlow
mutate "runbook link" 's|#port-conflict|#port|' StemeDBPortConflict
# A cluster-scoped condition reported by every host: without its aggregation (or
# keeping instance, which differs per host) it gives one alert per host, and
# its test (series on two hosts, one alert expected) fails.
mutate "cluster aggregation dropped" 's/max without (host, instance) (stemedb_cluster_members{state="failed"})/stemedb_cluster_members{state="failed"}/' StemeDBReplaceFailedNode
mutate "cluster aggregation keeps instance" 's/max without (host, instance) (stemedb_cluster_members/max without (host) (stemedb_cluster_members/' StemeDBReplaceFailedNode
