# The generated tests are not vacuous: break the rules the way a hand edit or
# a generator bug would, and promtool test rules must fail on exactly that.
source "$(dirname "$0")/lib/common.bash"
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/good" -q

mutate "threshold 0.95 -> 0.96" '/alert: StemeDBDiskFull$/,/for:/{s/used_ratio{name="data"} > 0.95/used_ratio{name="data"} > 0.96/}' StemeDBDiskFull
mutate "threshold 5 -> 6" 's/stemedb_replication_lag_seconds > 5/stemedb_replication_lag_seconds > 6/' StemeDBReplicationLag
mutate "operator == 1 -> >= 1" '/alert: StemeDBPortConflict$/,/for:/{s/symptree_port_foreign_owner{port="18180"} == 1/symptree_port_foreign_owner{port="18180"} >= 0/}' StemeDBPortConflict
# Memory pressure (from symptree-exporter) under slow queries (from the service):
# different scrape targets, so joining on instance instead of host never matches.
mutate "join on instance" '/alert: StemeDBMemoryPressure/,/for:/{s/and on (host)/and on (instance)/}' StemeDBMemoryPressure
# The path: a cause joins its parent's record; `or` in place of `and` drops the ancestor.
mutate "ancestor dropped" '/alert: StemeDBPermissionDenied$/,/for:/{s/^\( *\)and on (host)$/\1or on (host)/}' StemeDBPermissionDenied
# The parent's record: a threshold changed there reaches the cause that joins it.
mutate "parent record threshold" '0,/node: queries_slow$/{s/) > 1$/) > 100/}' StemeDBReplicationLag
mutate "for 5m -> 1m" '/alert: StemeDBQueriesSlow/,/for:/{s/for: 5m/for: 1m/}' StemeDBQueriesSlow
mutate "runbook link" 's|#port-conflict|#port|' StemeDBPortConflict
# A cluster-scoped condition reported by every host: without its aggregation (or
# keeping instance, which differs per host) it gives one alert per host, and
# its test (series on two hosts, one alert expected) fails.
mutate "cluster aggregation dropped" 's/max without (host, instance) (stemedb_cluster_members{state="failed"})/stemedb_cluster_members{state="failed"}/' StemeDBReplaceFailedNode
mutate "cluster aggregation keeps instance" 's/max without (host, instance) (stemedb_cluster_members/max without (host) (stemedb_cluster_members/' StemeDBReplaceFailedNode

# The reality tests (tests/reality/): series labelled as the real exporters
# label them, written by hand, run against an example's generated rules. A join
# label changed in the rules (symptree's idea of the labels drifting from
# reality) must fail them.
# reality_breaks NAME REALITY EXAMPLE SED_EXPRESSION EXPECTED_FAILING_ALERT:
# tests/reality/REALITY.test.yml passes against the rules of
# flowchart-spec/examples/EXAMPLE.yaml, and fails once they are mutated.
reality_breaks() {
  local name=$1 reality=$2 example=$3 expression=$4 alert=$5
  rm -rf "$WORK/real" && mkdir -p "$WORK/real"
  expect_exit 0 "$SYMPTREE" compile "$SOURCE_DIR/flowchart-spec/examples/$example.yaml" -o "$WORK/real" -q
  expect_exit 0 reality_test "$WORK/real" "$reality"
  cp -r "$WORK/real/prometheus/rules" "$WORK/real/rules.good"
  sed -i "$expression" "$WORK"/real/prometheus/rules/*.yml
  diff -r -q "$WORK/real/rules.good" "$WORK/real/prometheus/rules" >/dev/null && fail "$name: the mutation changed nothing"
  expect_exit 1 promtool test rules "$WORK/real/prometheus/tests/reality.test.yml"
  expect_output "$alert"
  pass "$name breaks the $reality reality test ($alert)"
}
reality_breaks "join on instance" etcd etcd '/alert: EtcdWalFsyncSlow$/,/for:/{s/and on (host)/and on (instance)/}' EtcdWalFsyncSlow
reality_breaks "join on a label etcd lacks" etcd etcd 's/on (host)/on (member)/g' EtcdWalFsyncSlow
# PostgreSQL: the disk cause (node_exporter) joined to its symptom
# (postgres_exporter) on instance never fires; on a label neither carries it
# fires on db-2, whose PostgreSQL is up.
reality_breaks "join on instance" postgres postgres-sources '/alert: OrdersDbDataDiskFull$/,/for:/{s/and on (host)/and on (instance)/}' OrdersDbDataDiskFull
reality_breaks "join on a label node_exporter lacks" postgres postgres-sources '/alert: OrdersDbDataDiskFull$/,/for:/{s/and on (host)/and on (datname)/}' OrdersDbDataDiskFull
reality_breaks "deadlocks joined on ()" postgres postgres-sources '/alert: OrdersDbDeadlocks$/,/for:/{s/and on (host)/and on ()/}' OrdersDbDeadlocks
# Absence per target again: both hosts lacking a metric gives two alerts with
# instance labels, not the one for the source the reality test expects.
reality_breaks "absence per target" postgres postgres-sources 's/group by (job) (up{job="postgres-exporter"}/group by (instance) (up{job="postgres-exporter"}/; s/group by () (pg_/group by (instance) (pg_/; s/unless on ()$/unless on (instance)/' OrdersDbMetricAbsent
# An absence selector without the condition's mountpoint matcher: blind to a
# data filesystem missing everywhere while the root filesystem is reported.
reality_breaks "absence selector without its matchers" postgres postgres-sources 's/(\(node_filesystem_[a-z_]*\){mountpoint="\/var\/lib\/postgresql"})$/(\1)/' OrdersDbMetricAbsent
# Kubernetes: a container cause joined to its pod's crash loop on the
# namespace only fires for another pod; a node cause joined on a label
# kube-state-metrics' node series lack never fires; absence joined on the
# namespace, which kube-state-metrics' up lacks, reports present metrics absent.
reality_breaks "pod cause joined on namespace" kubernetes kubernetes-joins '/alert: ShopAppMemoryLimitNear$/,/for:/{s/and on (namespace, pod)/and on (namespace)/}' ShopAppMemoryLimitNear
reality_breaks "waiting reason joined on namespace" kubernetes kubernetes-joins '/alert: ShopAppImagePullFailing$/,/for:/{s/and on (namespace, pod)/and on (namespace)/}' ShopAppImagePullFailing
reality_breaks "node cause joined on namespace" kubernetes kubernetes-joins '/alert: ShopAppNoSchedulableNode$/,/for:/{s/and on ()/and on (namespace)/}' ShopAppNoSchedulableNode
reality_breaks "node cause joined on ()" kubernetes kubernetes-joins '/alert: ShopAppNodeDiskPressure$/,/for:/{s/and on (node)/and on ()/}' ShopAppNodeDiskPressure
reality_breaks "absence joined on namespace" kubernetes kubernetes-joins 's/group by (job) (up{job="kube-state-metrics"}/group by (namespace) (up{job="kube-state-metrics"}/; s/group by () (kube_/group by (namespace) (kube_/; s/unless on ()$/unless on (namespace)/' ShopAppMetricAbsent
