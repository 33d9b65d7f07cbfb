# flowchart-spec/examples/postgres-sources.yaml: a tree over two declared
# sources (postgres_exporter, node_exporter). It compiles; promtool accepts
# the rules, the scrape configuration (one job per source, targets from
# deployment.hosts[].sources) and passes every derived test; the tests fail
# when a source's job in the absence rules or a threshold is changed; and the
# reality test (tests/reality/postgres.test.yml: series labelled as a real
# Prometheus stores postgres_exporter's and node_exporter's) passes against
# the generated rules.
source "$(dirname "$0")/lib/common.bash"
SPEC="$SOURCE_DIR/flowchart-spec/examples/postgres-sources.yaml"
compile_accepted "$SPEC" "$WORK/good"

CONFIG="$WORK/good/prometheus/prometheus.yml"
expect_exit 0 promtool check config "$CONFIG"
pass "promtool check config prometheus.yml"
for job in orders-db postgres-exporter node-exporter; do
  grep -q "job_name: $job\$" "$CONFIG" || fail "no scrape job $job in prometheus.yml"
done
# A source's own labels win over its target's (kube-state-metrics' namespace is the pod's).
for job in postgres-exporter node-exporter; do
  grep -A1 "job_name: $job\$" "$CONFIG" | grep -q "^    honor_labels: true$" ||
    fail "source job $job does not honor its series' labels"
done
grep -A1 "job_name: orders-db\$" "$CONFIG" | grep -q "honor_labels" && fail "the service's job must not honor labels"
grep -q '10.0.0.12:9187' "$CONFIG" || fail "db-2's postgres target is missing"
grep -q 'job_name: symptree-exporter' "$CONFIG" && fail "a spec without host: must not scrape symptree-exporter"
pass "one scrape job per source, each host's targets"

# The absence rules read each source's own up: pg_up's reads postgres-exporter's.
grep -q 'up{job="postgres-exporter"} == 1' "$WORK"/good/prometheus/rules/*.absence.yml ||
  fail "pg_up's absence alert does not read postgres-exporter's up"
pass "absence alerts read their source's up"

mutate "absence on the service's up instead of postgres-exporter's" 's/up{job="postgres-exporter"}/up{job="orders-db"}/' OrdersDbMetricAbsent
mutate "absence on node-exporter's up per host instead of for the source" 's/group by (job) (up{job="node-exporter"} == 1)/group by (host) (up{job="node-exporter"} == 1)/' OrdersDbMetricAbsent
mutate "connections 180 -> 181" 's/(pg_stat_activity_count) > 180/(pg_stat_activity_count) > 181/' OrdersDbConnectionsSaturated
mutate "deadlocks > 5 -> > 6" 's/\[10m\])) > 5/[10m])) > 6/' OrdersDbDeadlocks

expect_exit 0 reality_test "$WORK/good" postgres
pass "reality test: the alerts fire on series labelled as postgres_exporter and node_exporter label them"

# `target_labels: []`: the scrape configuration sets none of the source's
# labels on its targets (its series bring their own), and promtool accepts it.
sed 's/^  - name: postgres$/  - name: postgres\n    target_labels: []/' "$SPEC" > "$WORK/no-target-labels.yaml"
grep -q 'target_labels: \[\]' "$WORK/no-target-labels.yaml" || fail "the spec copy lacks target_labels"
expect_exit 0 "$SYMPTREE" --no-promtool compile "$WORK/no-target-labels.yaml" -o "$WORK/no-target-labels"
CONFIG="$WORK/no-target-labels/prometheus/prometheus.yml"
expect_exit 0 promtool check config "$CONFIG"
awk '/job_name: postgres-exporter$/,/job_name: node-exporter$/' "$CONFIG" | grep -q 'host:' &&
  fail "postgres-exporter's targets carry host despite target_labels: []"
awk '/job_name: node-exporter$/,0' "$CONFIG" | grep -q 'host:' || fail "node-exporter's targets lost their host label"
pass "target_labels: [] leaves a source's targets without labels"
