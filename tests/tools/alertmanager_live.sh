# A real Alertmanager on 127.0.0.1 loaded with the generated configuration:
# alerts posted through its v2 API for causes and symptoms on the same host and
# on different hosts; /api/v2/alerts shows each symptom inhibited exactly when it
# should be; a P0 and a P3 reach their webhook receivers with runbook_url intact.
source "$(dirname "$0")/lib/common.bash"
command -v prometheus-alertmanager >/dev/null || fail "prometheus-alertmanager is not installed"
command -v jq >/dev/null || fail "jq is not installed (scripts/install-deps installs it)"
SINK_BIN="$BUILD_DIR/tests/alertmanager/symptree-webhook-sink"
[ -x "$SINK_BIN" ] || fail "$SINK_BIN is not built (ninja symptree-webhook-sink)"

# The webhook sink, on a port the kernel picks.
"$SINK_BIN" --port-file "$WORK/sink.port" --out "$WORK/deliveries" &
pids+=($!)
poll_until 10 test -s "$WORK/sink.port" || fail "the webhook sink did not start"
SINK="http://127.0.0.1:$(cat "$WORK/sink.port")"

# The default spec, each receiver a webhook into the sink, every response time
# 30s so that timing is in seconds (group_wait 1s, group_interval 5s).
awk -v sink="$SINK" '
  /^receivers:/ { print; print "  pager: {webhook: {url: \"" sink "/pager\"}}";
                  print "  tickets: {webhook: {url: \"" sink "/tickets\"}}";
                  print "  team_slack: {webhook: {url: \"" sink "/slack\"}}"; skip = 1; next }
  skip && /^[^ #]/ { skip = 0 }
  !skip' "$SPEC_STANDALONE" | sed -E 's/^(    response: ).*/\130s/' >"$WORK/spec.yaml"
expect_exit 0 "$SYMPTREE" compile "$WORK/spec.yaml" -o "$WORK/out"
CONFIG="$WORK/out/alertmanager/alertmanager.yml"
grep -q 'group_wait: 1s' "$CONFIG" || fail "30s responses should give group_wait 1s"

# Alertmanager on a free port; a port taken meanwhile is retried.
start_alertmanager() {
  local port
  for _ in 1 2 3 4 5; do
    port=$(free_loopback_port) || fail "no free loopback port"
    prometheus-alertmanager --config.file="$CONFIG" --web.listen-address="127.0.0.1:$port" \
      --cluster.listen-address= --storage.path="$WORK/am" >"$WORK/am.log" 2>&1 &
    pids+=($!)
    AM="http://127.0.0.1:$port"
    if poll_until 20 curl -sf "$AM/-/ready" -o /dev/null; then return 0; fi
    kill "${pids[-1]}" 2>/dev/null || true
  done
  cat "$WORK/am.log" >&2
  fail "Alertmanager did not start"
}
start_alertmanager
pass "Alertmanager 0.25 loads the generated configuration"

# An alert as Prometheus would send it: the labels of its routes.test line,
# the host, and the rule's runbook_url.
runbook_of() {
  awk -v name="$1" '$0 ~ "- alert: " name "$" { found = 1 } found && /runbook_url:/ { print $2; exit }' \
    "$WORK"/out/prometheus/rules/*.yml
}
alert_json() {  # NAME HOST [extra label=value]
  local name=$1 host=$2 labels
  labels=$(grep -m1 " alertname=$name " "$WORK/out/alertmanager/routes.test" | cut -d' ' -f2-)
  [ -n "$labels" ] || fail "routes.test has no $name"
  jq -n --arg labels "$labels host=$host ${3:-}" --arg runbook "$(runbook_of "$name")" '{
    labels: ($labels | split(" ") | map(select(length > 0) | split("=") | {key: .[0], value: (.[1:] | join("="))})
             | from_entries),
    annotations: {runbook_url: $runbook, summary: "posted by the live test"},
    generatorURL: "http://prometheus.invalid/graph"}'
}
post() {  # JSON alerts, one per argument
  local body
  body=$(printf '%s\n' "$@" | jq -s .)
  curl -sf -X POST -H 'Content-Type: application/json' --data "$body" "$AM/api/v2/alerts" -o /dev/null ||
    fail "posting alerts failed"
}

post "$(alert_json StemeDBServerWontStart db1)" "$(alert_json StemeDBPortConflict db1)" \
     "$(alert_json StemeDBServerWontStart db2)" "$(alert_json StemeDBPortConflict db3)" \
     "$(alert_json StemeDBQueriesSlow db1)" "$(alert_json StemeDBQueriesSlow db4)" \
     "$(alert_json StemeDBQueriesSlow db5)" "$(alert_json StemeDBReplicationLag db5)" \
     "$(alert_json StemeDBMetricAbsent db6 metric=stemedb_replication_lag_seconds)" \
     "$(alert_json StemeDBMetricAbsent db6 metric=stemedb_quarantine_pending)"
# A P3 alert: the default spec's tree has none, so one as a P3 rule would label it.
post "$(jq -n --arg rb "https://docs.example.com/stemedb/operations/runbooks/disk-full.md#volume-expansion" '{
  labels: {alertname: "StemeDBCapacityReview", severity: "info", priority: "P3", service: "stemedb", host: "db7"},
  annotations: {runbook_url: $rb}}')"

# inhibitors NAME HOST [METRIC]: the fingerprints of the alerts inhibiting it, sorted, space-separated.
inhibitors() {
  curl -sf "$AM/api/v2/alerts" | jq -r --arg n "$1" --arg h "$2" --arg m "${3:-}" '
    [.[] | select(.labels.alertname == $n and .labels.host == $h and ($m == "" or .labels.metric == $m))]
    | if length == 1 then .[0].status.inhibitedBy | sort | join(" ") else "missing(\(length))" end'
}
fingerprint() {
  curl -sf "$AM/api/v2/alerts" | jq -r --arg n "$1" --arg h "$2" \
    '.[] | select(.labels.alertname == $n and .labels.host == $h) | .fingerprint'
}
# expect_inhibited NAME HOST "CAUSE-NAME CAUSE-HOST ..."|"" [METRIC]: waits for the state, bounded.
expect_inhibited() {
  local name=$1 host=$2 metric=${4:-} want="" got
  local -a causes=($3)
  for ((i = 0; i < ${#causes[@]}; i += 2)); do want+="$(fingerprint "${causes[i]}" "${causes[i + 1]}") "; done
  want=$(echo "$want" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
  check() { got=$(inhibitors "$name" "$host" "$metric"); [ "$got" = "$want" ]; }
  poll_until 15 check || fail "$name on $host: inhibited by '$got', expected '$want'"
}

expect_inhibited StemeDBServerWontStart db1 "StemeDBPortConflict db1"
pass "a cause inhibits its symptom on the same host"
expect_inhibited StemeDBServerWontStart db2 ""
expect_inhibited StemeDBPortConflict db3 ""
pass "a cause on another host inhibits nothing"
expect_inhibited StemeDBQueriesSlow db1 "StemeDBServerWontStart db1"
expect_inhibited StemeDBQueriesSlow db4 ""
pass "inhibits: [queries_slow] on server_wont_start silences slow queries on the same host only"
expect_inhibited StemeDBQueriesSlow db5 ""
expect_inhibited StemeDBReplicationLag db5 ""
pass "a less urgent cause (P2) does not silence its P1 symptom's page"
expect_inhibited StemeDBMetricAbsent db6 "" stemedb_replication_lag_seconds
expect_inhibited StemeDBMetricAbsent db6 "" stemedb_quarantine_pending
pass "absence alerts, which share one name, do not inhibit each other"

# Deliveries: the P0 cause to the pager, the P3 alert to the team channel, runbook_url intact.
delivered() {  # PATH ALERTNAME HOST RUNBOOK
  grep "^$1 " "$WORK/deliveries" 2>/dev/null | cut -d' ' -f2- |
    jq -s -e --arg n "$2" --arg h "$3" --arg rb "$4" \
      'any(.[]; any(.alerts[]; .labels.alertname == $n and .labels.host == $h and .annotations.runbook_url == $rb))' \
      >/dev/null
}
P0_RUNBOOK=$(runbook_of StemeDBPortConflict)
[ "$P0_RUNBOOK" = "https://docs.example.com/stemedb/operations/runbooks/server-wont-start.md#port-conflict" ] ||
  fail "unexpected runbook_url '$P0_RUNBOOK'"
poll_until 30 delivered /pager StemeDBPortConflict db1 "$P0_RUNBOOK" || { cat "$WORK/deliveries" >&2; fail "P0 not delivered to pager"; }
pass "a P0 alert reaches the pager receiver with its runbook_url"
poll_until 30 delivered /slack StemeDBCapacityReview db7 \
  "https://docs.example.com/stemedb/operations/runbooks/disk-full.md#volume-expansion" ||
  { cat "$WORK/deliveries" >&2; fail "P3 not delivered to team_slack"; }
pass "a P3 alert reaches the team channel receiver with its runbook_url"
grep -qE '^/pager .*"receiver":"pager"' "$WORK/deliveries" || fail "the pager payload names another receiver"
! grep -q '^/slack .*StemeDBPortConflict' "$WORK/deliveries" || fail "the P0 alert reached the P3 receiver"
pass "each priority's alerts reach only its receiver"
# The inhibited symptoms were never notified: by the time the P0 cause was,
# Alertmanager held them all (posted in one request, group_wait 1s).
poll_until 30 delivered /pager StemeDBServerWontStart db2 "$(runbook_of StemeDBServerWontStart)" ||
  fail "the uninhibited symptom on db2 was not delivered"
host=db1
! grep -qE "^/pager .*\"alertname\":\"StemeDBServerWontStart\",\"host\":\"$host\"" "$WORK/deliveries" ||
  fail "the inhibited StemeDBServerWontStart on $host was notified"
! grep -qE "^/pager .*\"alertname\":\"StemeDBQueriesSlow\",\"host\":\"$host\"" "$WORK/deliveries" ||
  fail "the inhibited StemeDBQueriesSlow on $host was notified"
pass "inhibited symptoms are not notified; the cause's runbook section is"
