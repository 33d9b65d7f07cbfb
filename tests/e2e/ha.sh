#!/usr/bin/env bash
# The highly available stack on 127.0.0.1, as symptree generates it from a
# `deployment:` section: two Prometheus replicas (prometheus-prom-a.yml and
# prometheus-prom-b.yml) evaluating the same rules and sending to all three
# peers of a gossiping Alertmanager cluster (alertmanager/cluster/am-N.env, run
# as generated: Alertmanager's default peer timeout), two hosts each with a
# simulator and an exporter. Asserts what Alertmanager's HA promises
# (docs/demo.md, "What the HA test asserts"): no notification is lost while a
# replica and a peer are killed and restarted; in steady state (every peer up
# since the group began) each group state is notified exactly once, in one
# notification holding one alert; under failover duplicates are allowed but
# bounded by the peers that could have sent them, each peer at most once, and
# every count is printed. Every wait derives from the generated timing.
# E2E_NO_FAULT=1 injects nothing: the suite must then fail (tests/e2e/lib/expect.bash).
set -euo pipefail
# shellcheck disable=SC2119  # the stack_start_* functions take optional arguments
BUILD_DIR=${1:?usage: $0 BUILD_DIR SOURCE_DIR}
SOURCE_DIR=${2:?usage: $0 BUILD_DIR SOURCE_DIR}
# shellcheck source=tests/e2e/lib/stack.bash
source "$SOURCE_DIR/tests/e2e/lib/stack.bash"
# shellcheck source=tests/e2e/lib/expect.bash
source "$SOURCE_DIR/tests/e2e/lib/expect.bash"
# shellcheck source=tests/e2e/lib/ha_counts.bash
source "$SOURCE_DIR/tests/e2e/lib/ha_counts.bash"
stack_require prometheus prometheus-alertmanager jq curl openssl flock
STACK_DIR=$(mktemp -d /tmp/symptree-ha.XXXXXX)
trap stack_cleanup EXIT
trap 'exit 130' INT TERM
stack_lock
# Response 6m: group_wait 12s, group_interval 1m, repeat 3m. Every incident
# below ends before a repeat is due (ha_no_repeat_yet), so a second
# notification of one group state is a duplicate, never a repeat.
STACK_RESPONSE=6m
PEERS=3

ha_deployment() {
  cat <<YAML
deployment:
  prometheus: {scrape_interval: 1s, evaluation_interval: 1s, replicas: [prom-a, prom-b]}
  alertmanagers:
    - {name: am-1, address: "127.0.0.1:$AM_PORT_1", cluster: "127.0.0.1:$GOSSIP_PORT_1"}
    - {name: am-2, address: "127.0.0.1:$AM_PORT_2", cluster: "127.0.0.1:$GOSSIP_PORT_2"}
    - {name: am-3, address: "127.0.0.1:$AM_PORT_3", cluster: "127.0.0.1:$GOSSIP_PORT_3"}
  hosts:
    - {name: a, exporter: "127.0.0.1:$EXPORTER_PORT", service: "127.0.0.1:$APP_PORT"}
    - {name: b, exporter: "127.0.0.1:$EXPORTER_PORT_B", service: "127.0.0.1:$APP_PORT_B"}
YAML
}

# Both hosts share this machine, so both exporters run the one generated
# exporter.yml (the first host's port and folders): host-level facts are the
# same on both; the simulators, which the faults below drive, are separate.
start_peer() { stack_start_alertmanager "am-$1" "am-$1" "$2"; }
start_replica() { stack_start_prometheus "prom-$1" "$STACK_DIR/out/prometheus/prometheus-prom-$1.yml" "$2"; }

ha_start() {
  stack_start_sink
  stack_free_ports APP_PORT APP_PORT_B EXPORTER_PORT EXPORTER_PORT_B PROM_PORT PROM_PORT_B \
    AM_PORT_1 AM_PORT_2 AM_PORT_3 GOSSIP_PORT_1 GOSSIP_PORT_2 GOSSIP_PORT_3
  stack_demo_folder
  stack_compile "$SOURCE_DIR/flowchart-spec/stemedb.yaml" "$(ha_deployment)"
  ha_timing
  stack_start_app app "$APP_PORT"
  stack_start_app app-b "$APP_PORT_B"
  stack_start_exporter exporter "$EXPORTER_PORT"
  stack_start_exporter exporter-b "$EXPORTER_PORT_B"
  start_peer 1 "$AM_PORT_1"; start_peer 2 "$AM_PORT_2"; start_peer 3 "$AM_PORT_3"
  start_replica a "$PROM_PORT"; start_replica b "$PROM_PORT_B"
  # The checks read the replica and the peer that are never killed.
  PROM_URL="http://127.0.0.1:$PROM_PORT_B"
  AM_URL="http://127.0.0.1:$AM_PORT_2"
}

# cluster_formed PORT...: each peer reports a ready cluster of three.
cluster_formed() {
  local port
  for port in "$@"; do
    curl -sf "http://127.0.0.1:$port/api/v2/status" |
      jq -e '.cluster.status == "ready" and (.cluster.peers | length) == 3' >/dev/null || return 1
  done
}

# wait_until SECOND: sleeps until $SECONDS reaches SECOND (a derived deadline).
wait_until() { [ "$SECONDS" -ge "$1" ] || sleep "$(($1 - SECONDS))"; }
max() { echo $(($1 > $2 ? $1 : $2)); }

# ha_no_repeat_yet FIRST NAME WHAT: the incident first notified at FIRST ends
# (its fault is removed now) early enough that Alertmanager has NAME resolved
# before a repeat could be due, so no repeat can be counted as a duplicate.
ha_no_repeat_yet() {
  local clear
  clear=$(e2e_clear_bound "$2")
  [ $((SECONDS - $1 + clear)) -lt "$T_REPEAT" ] ||
    stack_fail "$3 lasted $((SECONDS - $1))s: with ${clear}s to clear it may outlast repeat_interval ${T_REPEAT}s (raise STACK_RESPONSE)"
}

ha_start
stack_wait "$SETTLE_POLL" cluster_formed "$AM_PORT_1" "$AM_PORT_2" "$AM_PORT_3" ||
  stack_fail "the three Alertmanagers did not form a cluster"
stack_wait "$E2E_UP" sh -c "curl -sf '$PROM_URL/api/v1/query?query=up' | jq -e '[.data.result[] | select(.value[1] == \"1\")] | length == 4' >/dev/null" ||
  stack_fail "prom-b does not scrape the four targets"
stack_timing_summary
echo "HA timing: peer timeout ${PEER_TIMEOUT}s (as generated), settle <= ${T_SETTLE}s; duplicate windows: 3 peers ${WINDOW_3}s, 2 peers ${WINDOW_2}s"
pass "two Prometheus replicas, three gossiping Alertmanager peers, two hosts, all from the generated files"

# 1. Steady state. An incident on host a, and a failed member both hosts
#    report: exactly one notification each, although two replicas send them to
#    three peers; host b is not reported.
since1=$(mark)
inject stack_fault slow_queries 1 "$APP_PORT"
inject stack_fault node_failed 1 "$APP_PORT"
inject stack_fault node_failed 1 "$APP_PORT_B"
ALERT_HOST=a await_first "$since1" /pager StemeDBQueriesSlow firing
first_a=$FIRST_SEEN
ALERT_HOST='' await_first "$since1" /tickets StemeDBReplaceFailedNode firing
first_n=$FIRST_SEEN
wait_until $(($(max "$first_a" "$first_n") + WINDOW_3))
ALERT_HOST=a expect_count 1 "$since1" /pager StemeDBQueriesSlow firing "steady state, 3 peers"
ALERT_HOST='' expect_count 1 "$since1" /tickets StemeDBReplaceFailedNode firing "steady state, 3 peers"
[ "$(ALERT_HOST=b sent_by "$since1" '' /pager StemeDBQueriesSlow firing | wc -l)" = 0 ] || stack_fail "host b was reported slow"

# 2. Failover: while both fire, one replica and one peer die, and the
#    recovery is sent while degraded: one replica and two peers notify it. No
#    page may be lost and none doubled beyond the peers that could send it.
stack_kill prom-a
stack_kill am-1
ha_no_repeat_yet "$first_a" StemeDBQueriesSlow "the incident on host a"
stack_fault slow_queries 0 "$APP_PORT"
stack_fault node_failed 0 "$APP_PORT"
stack_fault node_failed 0 "$APP_PORT_B"
ALERT_HOST=a await_first "$since1" /pager StemeDBQueriesSlow resolved
resolved_a=$FIRST_SEEN
ALERT_HOST='' await_first "$since1" /tickets StemeDBReplaceFailedNode resolved
wait_until $(($(max "$resolved_a" "$FIRST_SEEN") + WINDOW_2))
for what in "failover: prom-a and am-1 killed during the incident|firing|$PEERS" \
  "failover: recovery with 1 replica and 2 peers|resolved|2"; do
  IFS='|' read -r what status bound <<<"$what"
  ALERT_HOST=a expect_count "$bound" "$since1" /pager StemeDBQueriesSlow "$status" "$what"
  ALERT_HOST='' expect_count "$bound" "$since1" /tickets StemeDBReplaceFailedNode "$status" "$what"
done

# 3. Failover: a new incident while degraded is not lost.
since2=$(mark)
inject stack_fault slow_queries 1 "$APP_PORT_B"
ALERT_HOST=b await_first "$since2" /pager StemeDBQueriesSlow firing
first_b=$FIRST_SEEN
wait_until $((first_b + WINDOW_2))
ALERT_HOST=b expect_count 2 "$since2" /pager StemeDBQueriesSlow firing "failover: new incident with 1 replica and 2 peers"

# 4. Failover: the dead replica and peer restart while it fires. The restarted
#    am-1 creates its own groups, settles, and decides each at its first flush
#    (peer_caught_up: its notification log queries, and every notification it
#    sent has arrived); it pages at most once, as the bound allows.
restart_mark=$(mark)
start_peer 1 "$AM_PORT_1"
start_replica a "$PROM_PORT"
stack_wait "$SETTLE_POLL" cluster_formed "$AM_PORT_1" "$AM_PORT_2" "$AM_PORT_3" || stack_fail "am-1 did not rejoin the cluster"
stack_wait "$RESTART_POLL" peer_caught_up "$AM_PORT_1" "$restart_mark" ||
  stack_fail "the restarted am-1 did not decide its groups within ${RESTART_POLL}s"
ALERT_HOST=b expect_count "$PEERS" "$since2" /pager StemeDBQueriesSlow firing "failover: prom-a and am-1 restarted during the incident"

# 5. Host b recovers (failover: am-1's group for it began later than the
#    others', so their flushes no longer line up). At the same time a new
#    incident on host a, slow queries with replication lag: StemeDBReplicationLag
#    is a group every peer begins together now that the cluster is whole again:
#    steady state, exactly once; StemeDBQueriesSlow{host="a"} joins a group
#    am-1 began at its restart: failover.
ha_no_repeat_yet "$first_b" StemeDBQueriesSlow "the incident on host b"
since3=$(mark)
stack_fault slow_queries 0 "$APP_PORT_B"
inject stack_fault slow_queries 1 "$APP_PORT"
inject stack_fault replication_lag 1 "$APP_PORT"
ALERT_HOST=b await_first "$since2" /pager StemeDBQueriesSlow resolved
resolved_b=$FIRST_SEEN
ALERT_HOST=a await_first "$since3" /tickets StemeDBReplicationLag firing
first_lag=$FIRST_SEEN
ALERT_HOST=a await_first "$since3" /pager StemeDBQueriesSlow firing
wait_until $(($(max "$(max "$resolved_b" "$first_lag")" "$FIRST_SEEN") + WINDOW_3))
ALERT_HOST=b expect_count "$PEERS" "$since2" /pager StemeDBQueriesSlow resolved "failover: recovery after the restart"
ALERT_HOST=a expect_count 1 "$since3" /tickets StemeDBReplicationLag firing "steady state, the cluster whole again"
ALERT_HOST=a expect_count "$PEERS" "$since3" /pager StemeDBQueriesSlow firing "failover: a group am-1 began at its restart"

# 6. Steady state: its recovery, exactly once.
ha_no_repeat_yet "$first_lag" StemeDBReplicationLag "the second incident on host a"
stack_fault slow_queries 0 "$APP_PORT"
stack_fault replication_lag 0 "$APP_PORT"
ALERT_HOST=a await_first "$since3" /tickets StemeDBReplicationLag resolved
resolved_lag=$FIRST_SEEN
ALERT_HOST=a await_first "$since3" /pager StemeDBQueriesSlow resolved
wait_until $(($(max "$resolved_lag" "$FIRST_SEEN") + WINDOW_3))
ALERT_HOST=a expect_count 1 "$since3" /tickets StemeDBReplicationLag resolved "steady state, the cluster whole again"
ALERT_HOST=a expect_count "$PEERS" "$since3" /pager StemeDBQueriesSlow resolved "failover: a group am-1 began at its restart"

# Over the whole run: every count above still holds (a late duplicate fails
# here), and nothing else was notified (no absence alert, no other branch).
recheck_counts
others=$(cut -d' ' -f2- "$SINK_OUT" | jq -r '.alerts[].labels.alertname' | sort -u |
  grep -vx -e StemeDBQueriesSlow -e StemeDBReplaceFailedNode -e StemeDBReplicationLag || true)
[ -z "$others" ] || stack_fail "unexpected notifications: $others"
pass "over the whole run: $(count_summary)"
stack_stop || stack_fail "a process survived"
for port in "$APP_PORT" "$APP_PORT_B" "$EXPORTER_PORT" "$EXPORTER_PORT_B" "$PROM_PORT" "$PROM_PORT_B" \
  "$AM_PORT_1" "$AM_PORT_2" "$AM_PORT_3" "$GOSSIP_PORT_1" "$GOSSIP_PORT_2" "$GOSSIP_PORT_3"; do
  ! port_listening "$port" || stack_fail "port $port is still listening"
done
pass "every process stopped and every port released"
