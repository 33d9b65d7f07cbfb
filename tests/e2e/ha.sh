#!/usr/bin/env bash
# The highly available stack on 127.0.0.1, as symptree generates it from a
# `deployment:` section: two Prometheus replicas (prometheus-prom-a.yml and
# prometheus-prom-b.yml) evaluating the same rules and sending to all three
# peers of a gossiping Alertmanager cluster (alertmanager/cluster/am-N.env),
# two hosts each with a simulator and an exporter. Asserts that every alert
# group is notified exactly once, firing and resolved, while one replica and
# one peer are killed during an incident and restarted during another.
# E2E_NO_FAULT=1 injects nothing: the suite must then fail (tests/e2e/lib/expect.bash).
set -euo pipefail
# shellcheck disable=SC2119  # the stack_start_* functions take optional arguments
BUILD_DIR=${1:?usage: $0 BUILD_DIR SOURCE_DIR}
SOURCE_DIR=${2:?usage: $0 BUILD_DIR SOURCE_DIR}
# shellcheck source=tests/e2e/lib/stack.bash
source "$SOURCE_DIR/tests/e2e/lib/stack.bash"
# shellcheck source=tests/e2e/lib/expect.bash
source "$SOURCE_DIR/tests/e2e/lib/expect.bash"
stack_require prometheus prometheus-alertmanager jq curl openssl
STACK_DIR=$(mktemp -d /tmp/symptree-ha.XXXXXX)
trap stack_cleanup EXIT
trap 'exit 130' INT TERM
# Response 4m: group_wait 8s, group_interval 40s, repeat 2m, longer than any
# incident below lasts, so every second notification of a group is a duplicate.
STACK_RESPONSE=4m
# The peers wait position x peer-timeout before notifying, then skip what the
# gossiped notification log says was sent. 3 s instead of 15 s keeps the suite
# short and leaves gossip less time, so deduplication is tested harder.
PEER_TIMEOUT=3s
SETTLE=12   # seconds after a notification in which a duplicate would arrive (2 x 3 s, and margin)
GROUP_INTERVAL=40   # the generated group_interval for a 4m response (checked below)
# A duplicate of a group already notified would come at a later flush of the
# group, every group_interval, after a peer's position wait: checks of "no
# second notification" wait past the next flush, FLUSH_PASSED seconds after
# the first notification.
FLUSH_PASSED=$((GROUP_INTERVAL + SETTLE))

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
  stack_start_app app "$APP_PORT"
  stack_start_app app-b "$APP_PORT_B"
  stack_start_exporter exporter "$EXPORTER_PORT"
  stack_start_exporter exporter-b "$EXPORTER_PORT_B"
  STACK_AM_FLAGS="--cluster.peer-timeout=$PEER_TIMEOUT"
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

# notifications SINCE PATH NAME STATUS: how many notifications after SINCE to
# PATH carry NAME with STATUS on ALERT_HOST (tests/e2e/lib/expect.bash).
notifications() { notified "$@" | wc -l; }

# alerts_in_first SINCE PATH NAME STATUS: how many such alerts the first of
# those notifications holds; 2 if the replicas' alerts were not made identical.
alerts_in_first() { notified "$@" | head -n 1 | jq length; }

# expect_once SINCE PATH NAME STATUS: the notification arrives (FIRST_SEEN: when
# it was seen), and no second one within SETTLE seconds.
expect_once() {
  local count
  ALERT_HOST=${ALERT_HOST-a} expect_delivery 90 "$@"
  FIRST_SEEN=$SECONDS
  sleep "$SETTLE"
  count=$(notifications "$@")
  [ "$count" = 1 ] || stack_fail "$3 ($4, host '${ALERT_HOST-a}') was notified $count times to $2, not once"
  count=$(alerts_in_first "$@")
  [ "$count" = 1 ] || stack_fail "$3 ($4, host '${ALERT_HOST-a}') reached $2 as $count alerts, not one"
}

# wait_until SECOND: sleeps until $SECONDS reaches SECOND (bounded by the caller's arithmetic).
wait_until() { [ "$SECONDS" -ge "$1" ] || sleep "$(($1 - SECONDS))"; }

# still_once SINCE PATH NAME STATUS WHAT: no second notification; fails naming WHAT.
still_once() {
  local count
  count=$(notifications "${@:1:4}")
  [ "$count" = 1 ] || stack_fail "$5: $3 ($4, host '${ALERT_HOST-}') notified $count times"
}

ha_start
grep -q "group_interval: ${GROUP_INTERVAL}s" "$STACK_DIR/out/alertmanager/alertmanager.yml" ||
  stack_fail "the generated group_interval is not ${GROUP_INTERVAL}s; the waits below assume it"
stack_wait 60 cluster_formed "$AM_PORT_1" "$AM_PORT_2" "$AM_PORT_3" ||
  stack_fail "the three Alertmanagers did not form a cluster"
stack_wait 30 sh -c "curl -sf '$PROM_URL/api/v1/query?query=up' | jq -e '[.data.result[] | select(.value[1] == \"1\")] | length == 4' >/dev/null" ||
  stack_fail "prom-b does not scrape the four targets"
pass "two Prometheus replicas, three gossiping Alertmanager peers, two hosts, all from the generated files"

# 1. An incident on host a, and a failed member both hosts report: one
#    notification each, although two replicas send them to three peers.
since=$(mark)
inject stack_fault slow_queries 1 "$APP_PORT"
inject stack_fault node_failed 1 "$APP_PORT"
inject stack_fault node_failed 1 "$APP_PORT_B"
ALERT_HOST=a expect_once "$since" /pager StemeDBQueriesSlow firing
first_a=$FIRST_SEEN
pass "slow queries on host a: StemeDBQueriesSlow{host=a} notified exactly once"
ALERT_HOST='' expect_once "$since" /tickets StemeDBReplaceFailedNode firing
pass "a failed member seen by both hosts: one cluster-wide StemeDBReplaceFailedNode, notified exactly once"
[ "$(ALERT_HOST=b notifications "$since" /pager StemeDBQueriesSlow firing)" = 0 ] ||
  stack_fail "host b was reported slow"

# 2. While it fires, one replica and one peer die; the incident is not notified
#    again, and its resolution still arrives, once.
stack_kill prom-a
stack_kill am-1
wait_until $((first_a + FLUSH_PASSED))
ALERT_HOST=a still_once "$since" /pager StemeDBQueriesSlow firing "killing prom-a and am-1 during the incident"
ALERT_HOST='' still_once "$since" /tickets StemeDBReplaceFailedNode firing "killing prom-a and am-1 during the incident"
pass "prom-a and am-1 killed during the incident, the group's next flush passed: no second notification"
stack_fault slow_queries 0 "$APP_PORT"
stack_fault node_failed 0 "$APP_PORT"
stack_fault node_failed 0 "$APP_PORT_B"
ALERT_HOST=a expect_once "$since" /pager StemeDBQueriesSlow resolved
ALERT_HOST='' expect_once "$since" /tickets StemeDBReplaceFailedNode resolved
pass "recovery with one replica and two peers: resolved notified exactly once for both"

# 3. A new incident while degraded is not lost; restarting the dead replica and
#    peer while it fires pages nobody twice.
since=$(mark)
inject stack_fault slow_queries 1 "$APP_PORT_B"
ALERT_HOST=b expect_once "$since" /pager StemeDBQueriesSlow firing
first_b=$FIRST_SEEN
pass "slow queries on host b with one replica and two peers: notified exactly once"
start_peer 1 "$AM_PORT_1"
start_replica a "$PROM_PORT"
restarted=$SECONDS
stack_wait 60 cluster_formed "$AM_PORT_1" "$AM_PORT_2" "$AM_PORT_3" || stack_fail "am-1 did not rejoin the cluster"
# The restarted am-1 flushes its own new group group_wait after prom-b resends
# the alert; the others flush again group_interval after the first notification.
wait_until $((restarted + 8 + SETTLE > first_b + FLUSH_PASSED ? restarted + 8 + SETTLE : first_b + FLUSH_PASSED))
ALERT_HOST=b still_once "$since" /pager StemeDBQueriesSlow firing "restarting prom-a and am-1 during the incident"
pass "prom-a and am-1 restarted during the incident, am-1 back in the cluster, flushes passed: no duplicate page"
stack_fault slow_queries 0 "$APP_PORT_B"
ALERT_HOST=b expect_once "$since" /pager StemeDBQueriesSlow resolved
pass "recovery: resolved notified exactly once"

# Over the whole run: every group notified firing once and resolved once, and
# nothing else was paged along the way (no absence alert, no other branch).
for group in "a|/pager|StemeDBQueriesSlow" "b|/pager|StemeDBQueriesSlow" "|/tickets|StemeDBReplaceFailedNode"; do
  IFS='|' read -r host path name <<<"$group"
  for status in firing resolved; do
    ALERT_HOST=$host still_once 0 "$path" "$name" "$status" "over the whole run"
  done
done
pass "over the whole run: each group notified once firing and once resolved"
others=$(cut -d' ' -f2- "$SINK_OUT" | jq -r '.alerts[].labels.alertname' | sort -u |
  grep -vx -e StemeDBQueriesSlow -e StemeDBReplaceFailedNode || true)
[ -z "$others" ] || stack_fail "unexpected notifications: $others"
stack_stop || stack_fail "a process survived"
for port in "$APP_PORT" "$APP_PORT_B" "$EXPORTER_PORT" "$EXPORTER_PORT_B" "$PROM_PORT" "$PROM_PORT_B" \
  "$AM_PORT_1" "$AM_PORT_2" "$AM_PORT_3" "$GOSSIP_PORT_1" "$GOSSIP_PORT_2" "$GOSSIP_PORT_3"; do
  ! port_listening "$port" || stack_fail "port $port is still listening"
done
pass "every process stopped and every port released"
