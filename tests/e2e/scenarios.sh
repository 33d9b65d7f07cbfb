#!/usr/bin/env bash
# End-to-end scenarios on the live stack (tests/e2e/lib/stack.bash): a fault is
# injected for real, and the test asserts what reaches the webhook sink and what
# Alertmanager shows as inhibited. E2E_NO_FAULT=1 skips every injection: each
# scenario must then fail (the check that the assertions depend on the fault).
set -euo pipefail
BUILD_DIR=${1:?usage: $0 BUILD_DIR SOURCE_DIR}
SOURCE_DIR=${2:?usage: $0 BUILD_DIR SOURCE_DIR}
# shellcheck source=tests/e2e/lib/stack.bash
source "$SOURCE_DIR/tests/e2e/lib/stack.bash"
for tool in prometheus prometheus-alertmanager jq curl openssl; do
  command -v "$tool" >/dev/null || stack_fail "$tool is not installed (scripts/install-deps)"
done
STACK_DIR=$(mktemp -d /tmp/symptree-e2e.XXXXXX)
NO_FAULT=${E2E_NO_FAULT:-0}
START=$SECONDS

cleanup() {
  local rc=$?
  stack_stop || rc=1
  if [ "$rc" -ne 0 ]; then
    echo "--- deliveries" >&2; cut -c1-400 "$STACK_DIR/deliveries" | tail -n 20 >&2 2>/dev/null || true
    echo "--- firing" >&2; stack_firing >&2 2>/dev/null || true
  fi
  rm -rf "$STACK_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { echo "ok ($((SECONDS - START))s): $*"; }
inject() { [ "$NO_FAULT" = 1 ] || "$@"; }

# mark: the number of deliveries so far; later checks read only those after it.
mark() { wc -l <"$SINK_OUT"; }

# delivered SINCE PATH NAME STATUS [JQ-CONDITION-ON-.]: a notification after SINCE
# to receiver PATH holds an alert NAME with STATUS (and the condition).
delivered() {
  local since=$1 path=$2 name=$3 status=$4 cond=${5:-true}
  tail -n +"$((since + 1))" "$SINK_OUT" | grep "^$path " | cut -d' ' -f2- |
    jq -s -e --arg n "$name" --arg s "$status" \
      "any(.[]; any(.alerts[]; .labels.alertname == \$n and .status == \$s and .labels.host == \"demo\" and ($cond)))" \
      >/dev/null 2>&1
}

expect_delivery() {  # SECONDS SINCE PATH NAME STATUS [COND]
  local seconds=$1; shift
  stack_wait "$seconds" delivered "$@" || stack_fail "no $4 notification of $3 to $2 within ${seconds}s (condition: ${5:-none})"
}

# inhibited_by NAME CAUSE: Alertmanager shows NAME on host demo inhibited by CAUSE's alert.
inhibited_by() {
  curl -sf "$AM_URL/api/v2/alerts" | jq -e --arg n "$1" --arg c "$2" '
    ([.[] | select(.labels.alertname == $c and .labels.host == "demo") | .fingerprint]) as $causes
    | any(.[]; .labels.alertname == $n and .labels.host == "demo"
               and (.status.inhibitedBy | length > 0) and all(.status.inhibitedBy[]; IN($causes[])))' >/dev/null
}

# cleared NAME...: none of the alerts is firing or pending in Prometheus.
cleared() {
  local active
  active=$(curl -sf "$PROM_URL/api/v1/alerts" | jq -r '.data.alerts[].labels.alertname') || return 1
  for name in "$@"; do ! grep -qx "$name" <<<"$active" || return 1; done
}
expect_cleared() { stack_wait 30 cleared "$@" || stack_fail "still active after 30s: $*"; }

runbook() { echo "https://docs.example.com/stemedb/operations/runbooks/$1"; }

# The healthy stack: no flowchart alert fires once the first scrapes are in.
stack_start "$SOURCE_DIR/flowchart-spec/stemedb.yaml"
stack_wait 20 curl -sf "$PROM_URL/api/v1/query?query=symptree_process_up" -o /dev/null
stack_wait 20 sh -c "curl -sf '$PROM_URL/api/v1/query?query=symptree_process_up' | grep -q '\"1\"\\]'" ||
  stack_fail "the exporter does not see stemedb-api running"
expect_cleared StemeDBServerWontStart StemeDBQueriesSlow StemeDBMetricAbsent
pass "the healthy stack is quiet: stemedb-api up, no symptom, no absence alert"

scenario_port_conflict() {
  local since; since=$(mark)
  inject stack_kill app
  # Another program (the simulator under its own name) takes the port.
  inject stack_spawn squatter "$STACK_DIR/squatter.log" "$BUILD_DIR/stemedb-sim" --listen "127.0.0.1:$APP_PORT"
  expect_delivery 40 "$since" /pager StemeDBPortConflict firing \
    ".annotations.runbook_url == \"$(runbook server-wont-start.md#port-conflict)\""
  pass "port taken by another process: StemeDBPortConflict reaches the P0 pager with its runbook section"
  stack_wait 20 inhibited_by StemeDBServerWontStart StemeDBPortConflict ||
    stack_fail "StemeDBServerWontStart is not inhibited by StemeDBPortConflict"
  pass "the generic StemeDBServerWontStart is inhibited by the port conflict"
  stack_kill squatter
  stack_start_app
  expect_cleared StemeDBServerWontStart StemeDBPortConflict
}

scenario_service_stopped() {
  local since; since=$(mark)
  inject stack_kill app
  expect_delivery 40 "$since" /pager StemeDBServerWontStart firing \
    "(.annotations.diagnostics | contains(\"lsof -i :$APP_PORT\")) and .annotations.flowchart_section == \"Server won't start\"
     and .annotations.runbook_url == \"$(runbook server-wont-start.md)\""
  pass "service stopped, port free: StemeDBServerWontStart arrives with its flowchart section and diagnostics"
  ! delivered "$since" /pager StemeDBPortConflict firing || stack_fail "a port conflict was reported on a free port"
  stack_start_app
  expect_cleared StemeDBServerWontStart
}

scenario_exporter_killed() {
  local since; since=$(mark)
  inject stack_kill exporter
  expect_delivery 40 "$since" /pager StemeDBMetricAbsent firing '.labels.metric == "symptree_process_up"'
  pass "exporter killed: the absence alert for symptree_process_up reaches the pager"
  stack_start_exporter
  expect_cleared StemeDBMetricAbsent
}

write_bad_segment() { printf 'XXXX not a WAL segment\n' >"$STACK_DIR/host/data/wal/000002.wal"; }

scenario_wal_bad_magic() {
  local since; since=$(mark)
  inject write_bad_segment
  stack_kill app
  expect_delivery 40 "$since" /pager StemeDBWalMagicInvalid firing \
    ".annotations.runbook_url == \"$(runbook server-wont-start.md#wal-corruption)\""
  pass "a WAL segment with a bad magic, server down: StemeDBWalMagicInvalid reaches the pager"
  stack_wait 20 inhibited_by StemeDBServerWontStart StemeDBWalMagicInvalid ||
    stack_fail "StemeDBServerWontStart is not inhibited by StemeDBWalMagicInvalid"
  pass "the generic StemeDBServerWontStart is inhibited by the WAL corruption"
  rm -f "$STACK_DIR/host/data/wal/000002.wal"
  stack_start_app
  expect_cleared StemeDBServerWontStart StemeDBWalMagicInvalid
}

scenario_slow_queries() {
  local since; since=$(mark)
  inject stack_fault slow_queries 1
  inject stack_fault replication_lag 1
  expect_delivery 40 "$since" /pager StemeDBQueriesSlow firing \
    ".annotations.runbook_url == \"$(runbook high-query-latency.md)\""
  pass "slow queries: StemeDBQueriesSlow (P1) reaches the pager"
  expect_delivery 40 "$since" /tickets StemeDBReplicationLag firing \
    ".annotations.runbook_url == \"$(runbook high-query-latency.md#replication-lag)\""
  pass "replication lag: StemeDBReplicationLag (P2) reaches the tickets receiver with its runbook section"
  stack_fault slow_queries 0
  stack_fault replication_lag 0
  expect_delivery 60 "$since" /pager StemeDBQueriesSlow resolved
  expect_delivery 60 "$since" /tickets StemeDBReplicationLag resolved
  pass "recovery: resolved notifications for both arrive"
}

# E2E_SCENARIOS="a b" runs only those (default: all, in this order).
for scenario in ${E2E_SCENARIOS:-port_conflict service_stopped wal_bad_magic exporter_killed slow_queries}; do
  "scenario_$scenario"
done
stack_stop || stack_fail "a process survived"
for port in "$APP_PORT" "$EXPORTER_PORT" "$PROM_PORT" "$AM_PORT"; do
  ! port_listening "$port" || stack_fail "port $port is still listening"
done
pass "every process stopped and every port released"
