#!/usr/bin/env bash
# End-to-end scenarios on the live stack (tests/e2e/lib/stack.bash): a fault is
# injected for real, and the test asserts what reaches the webhook sink and what
# Alertmanager shows as inhibited (tests/e2e/lib/expect.bash). E2E_NO_FAULT=1
# skips every injection: each scenario must then fail (the check that the
# assertions depend on the fault). E2E_SCENARIOS="a b" runs only those.
# As root, the suite runs in its own mount namespace so that the demo host's
# data folder is a real 128 MiB filesystem the disk_full scenario fills; that
# scenario runs only when named (E2E_SCENARIOS=disk_full, ctest e2e_disk) and
# exits 77 (skipped) without root.
set -euo pipefail
# shellcheck disable=SC2119  # the stack_start_* functions take optional arguments
BUILD_DIR=${1:?usage: $0 BUILD_DIR SOURCE_DIR}
SOURCE_DIR=${2:?usage: $0 BUILD_DIR SOURCE_DIR}
# shellcheck source=tests/e2e/lib/stack.bash
source "$SOURCE_DIR/tests/e2e/lib/stack.bash"
# shellcheck source=tests/e2e/lib/expect.bash
source "$SOURCE_DIR/tests/e2e/lib/expect.bash"
# shellcheck source=tests/e2e/lib/dashboard_queries.bash
source "$SOURCE_DIR/tests/e2e/lib/dashboard_queries.bash"
host_data_fs_reexec "$0" "$@"
stack_require prometheus prometheus-alertmanager jq curl openssl
STACK_DIR=$(mktemp -d /tmp/symptree-e2e.XXXXXX)
trap stack_cleanup EXIT
trap 'exit 130' INT TERM
stack_lock

# The healthy stack: no flowchart alert fires once the first scrapes are in.
stack_start "$SOURCE_DIR/flowchart-spec/stemedb.yaml"
stack_wait "$E2E_UP" sh -c "curl -sf '$PROM_URL/api/v1/query?query=symptree_process_up' | grep -q '\"1\"\\]'" ||
  stack_fail "the exporter does not see stemedb-api running"
expect_cleared StemeDBServerWontStart StemeDBQueriesSlow StemeDBMetricAbsent StemeDBDiskFull
pass "the healthy stack is quiet: stemedb-api up, no symptom, no absence alert"

scenario_dashboard_queries() {
  # On the healthy stack every panel has data; with E2E_NO_FAULT the
  # exporter is stopped first, so that the check must fail.
  [ "$NO_FAULT" = 0 ] || stack_kill exporter
  # Retried until the rate() panels have two scrapes in their window: E2E_DATA.
  stack_wait "$E2E_DATA" dashboard_queries_ok "$STACK_DIR/out/grafana/stemedb-flowchart.json" 2>"$STACK_DIR/dashboard.err" ||
    stack_fail "$(tail -n 1 "$STACK_DIR/dashboard.err")"
  pass "every Grafana panel, annotation and variable query of the dashboard runs on the live Prometheus, with data"
}

scenario_port_conflict() {
  local since; since=$(mark)
  inject stack_kill app
  # Another program (the simulator under its own name) takes the port.
  inject stack_spawn squatter "$STACK_DIR/squatter.log" "$BUILD_DIR/stemedb-sim" --listen "127.0.0.1:$APP_PORT"
  expect_delivery "$since" /pager StemeDBPortConflict firing "$(runbook_is server-wont-start.md#port-conflict)"
  pass "port taken by another process: StemeDBPortConflict reaches the P0 pager with its runbook section"
  expect_inhibited StemeDBServerWontStart StemeDBPortConflict
  pass "the generic StemeDBServerWontStart is inhibited by the port conflict"
  stack_kill squatter
  stack_start_app
  expect_cleared StemeDBServerWontStart StemeDBPortConflict
}

scenario_service_stopped() {
  local since; since=$(mark)
  inject stack_kill app
  expect_delivery "$since" /pager StemeDBServerWontStart firing \
    "(.annotations.diagnostics | contains(\"lsof -i :$APP_PORT\")) and .annotations.flowchart_section == \"Server won't start\"
     and $(runbook_is server-wont-start.md)"
  pass "service stopped, port free: StemeDBServerWontStart arrives with its flowchart section and diagnostics"
  ! delivered "$since" /pager StemeDBPortConflict firing || stack_fail "a port conflict was reported on a free port"
  stack_start_app
  expect_cleared StemeDBServerWontStart
}

scenario_exporter_killed() {
  local since; since=$(mark)
  inject stack_kill exporter
  expect_delivery "$since" /pager StemeDBMetricAbsent firing '.labels.metric == "symptree_process_up"'
  pass "exporter killed: the absence alert for symptree_process_up reaches the pager"
  stack_start_exporter
  expect_cleared StemeDBMetricAbsent
}

# server_down_by CAUSE RUNBOOK WHAT FAULT UNDO: the host fault FAULT is made and
# the server stops: CAUSE reaches the pager with RUNBOOK and the generic symptom
# is inhibited by it; then UNDO, the server restarts and both clear.
server_down_by() {
  local cause=$1 book=$2 what=$3 fault=$4 undo=$5 since
  since=$(mark)
  inject "$fault"
  stack_kill app
  expect_delivery "$since" /pager "$cause" firing "$(runbook_is "$book")"
  pass "$what, server down: $cause reaches the pager with its runbook section"
  expect_inhibited StemeDBServerWontStart "$cause"
  pass "the generic StemeDBServerWontStart is inhibited by $cause"
  "$undo"
  stack_start_app
  expect_cleared StemeDBServerWontStart "$cause"
}

scenario_wal_bad_magic() {
  server_down_by StemeDBWalMagicInvalid server-wont-start.md#wal-corruption "a WAL segment with a bad magic" \
    host_write_bad_wal_segment host_remove_bad_wal_segment
}

scenario_expired_certificate() {
  server_down_by StemeDBTlsError server-wont-start.md#tls-error "the server certificate expired" \
    host_expire_certificate host_restore_certificate
}

scenario_slow_queries() {
  local since; since=$(mark)
  inject stack_fault slow_queries 1
  inject stack_fault replication_lag 1
  expect_delivery "$since" /pager StemeDBQueriesSlow firing "$(runbook_is high-query-latency.md)"
  pass "slow queries: StemeDBQueriesSlow (P1) reaches the pager"
  expect_delivery "$since" /tickets StemeDBReplicationLag firing "$(runbook_is high-query-latency.md#replication-lag)"
  pass "replication lag: StemeDBReplicationLag (P2) reaches the tickets receiver with its runbook section"
  stack_fault slow_queries 0
  stack_fault replication_lag 0
  expect_delivery "$since" /pager StemeDBQueriesSlow resolved
  expect_delivery "$since" /tickets StemeDBReplicationLag resolved
  pass "recovery: resolved notifications for both arrive"
}

# The other simulator faults, all at once (they drive different branches):
# fault(s), the alert it must raise, its receiver, its runbook and host label.
SIMULATOR_FAULTS=(
  "shard_failures|StemeDBShardHotspot|/pager|high-query-latency.md#shard-hotspot|demo"
  "index_errors|StemeDBIndexCorruption|/pager|high-query-latency.md#index-corruption|demo"
  "quarantine_backlog|StemeDBQuarantineOverflow|/tickets|quarantine-overflow.md|demo"
  "circuit_breaker_open|StemeDBCircuitBreakerOpen|/pager|circuit-breaker-stuck.md|demo"
  "rate_limited|StemeDBAgentRateLimited|/tickets|circuit-breaker-stuck.md|demo"
  "wal_replay_errors|StemeDBWalCorruptionOnStartup|/pager|restore-from-backup.md|demo"
  "assertion_loss|StemeDBAssertionCountMismatch|/pager|restore-from-backup.md#validate-backup-integrity|demo"
  "node_failed|StemeDBReplaceFailedNode|/tickets|add-node.md#replace-failed|"   # cluster-scoped: no host label
)

scenario_simulator_faults() {
  local since row fault alert path book host
  since=$(mark)
  inject stack_fault slow_queries 1   # shard hotspot and index corruption are causes of slow queries
  for row in "${SIMULATOR_FAULTS[@]}"; do inject stack_fault "${row%%|*}" 1; done
  for row in "${SIMULATOR_FAULTS[@]}"; do
    IFS='|' read -r fault alert path book host <<<"$row"
    ALERT_HOST=$host expect_delivery "$since" "$path" "$alert" firing "$(runbook_is "$book")"
    pass "simulator $fault: $alert reaches $path with its runbook"
  done
  expect_inhibited StemeDBQueriesSlow StemeDBShardHotspot StemeDBIndexCorruption
  pass "StemeDBQueriesSlow is inhibited by its causes (shard hotspot, index corruption)"
  stack_fault slow_queries 0
  for row in "${SIMULATOR_FAULTS[@]}"; do stack_fault "${row%%|*}" 0; done
  for row in "${SIMULATOR_FAULTS[@]}"; do
    IFS='|' read -r fault alert path book host <<<"$row"
    ALERT_HOST=$host expect_delivery "$since" "$path" "$alert" resolved
  done
  pass "recovery: resolved notifications for every one of them"
}

# The data filesystem filled for real: WAL segments written at about 16 MiB/s
# until 96% used, then a file to 99%, then until "No space left on device"
# with the server down. Needs the mount namespace (root).
scenario_disk_full() {
  if ! host_data_fs_possible; then
    echo "SKIP: disk_full needs root and a mount namespace for its 128 MiB data filesystem"
    exit 77   # ctest: SKIP_RETURN_CODE of e2e_disk
  fi
  local since; since=$(mark)
  inject host_write_wal_segments 96
  expect_delivery "$since" /pager StemeDBWalGrowing firing "$(runbook_is disk-full.md#wal-cleanup)"
  pass "WAL written at ~16 MiB/s onto a 96% full disk: StemeDBWalGrowing reaches the pager"
  expect_inhibited StemeDBDiskFull StemeDBWalGrowing StemeDBNeedsExpansion
  pass "StemeDBDiskFull is inhibited by its causes"
  inject host_fill_data_fs 99
  expect_delivery "$since" /pager StemeDBDiskEmergency firing "$(runbook_is disk-full.md#emergency-cleanup)"
  pass "disk 99% used: StemeDBDiskEmergency (P0) reaches the pager"
  inject host_fill_data_fs 100
  stack_kill app
  expect_delivery "$since" /pager StemeDBNoSpaceLeft firing "$(runbook_is disk-full.md)"
  expect_inhibited StemeDBServerWontStart StemeDBNoSpaceLeft
  pass "no space left on device, server down: StemeDBNoSpaceLeft pages, StemeDBServerWontStart inhibited"
  host_free_data_fs
  stack_start_app
  expect_delivery "$since" /pager StemeDBDiskEmergency resolved
  expect_delivery "$since" /pager StemeDBNoSpaceLeft resolved
  expect_cleared StemeDBDiskFull StemeDBDiskEmergency StemeDBWalGrowing StemeDBNoSpaceLeft StemeDBServerWontStart
  pass "space freed, server restarted: resolved notifications arrive"
}

# disk_full runs on its own (ctest e2e_disk), as it is skipped without root.
ALL_SCENARIOS="dashboard_queries port_conflict service_stopped wal_bad_magic expired_certificate exporter_killed
  slow_queries simulator_faults"
for scenario in ${E2E_SCENARIOS:-$ALL_SCENARIOS}; do
  "scenario_$scenario"
done
stack_stop || stack_fail "a process survived"
for port in "$APP_PORT" "$EXPORTER_PORT" "$PROM_PORT" "$AM_PORT"; do
  ! port_listening "$port" || stack_fail "port $port is still listening"
done
pass "every process stopped and every port released"
