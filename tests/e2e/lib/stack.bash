# shellcheck shell=bash disable=SC2153,SC2034,SC2119,SC2120  # STACK_DIR, BUILD_DIR set by the caller; AM_URL, PROM_URL read by it; the start functions take optional arguments
# The live monitoring stack on 127.0.0.1, shared by scripts/demo and the
# end-to-end suite (tests/e2e): the StemeDB simulator (run as `stemedb-api`),
# symptree-exporter watching a demo folder, a real Prometheus, a real
# Alertmanager and the webhook sink, all configured by `symptree compile` from
# a demo spec derived from the default one (see docs/demo.md, "Demo spec").
# Every process started is recorded in STACK_PIDS and stopped by stack_stop.
# Callers set: BUILD_DIR SOURCE_DIR STACK_DIR (an empty directory they own).

STACK_PIDS=()
declare -A STACK_PID=()   # role -> pid
# shellcheck source=tests/lib/loopback.bash
source "$(dirname "${BASH_SOURCE[0]}")/../../lib/loopback.bash"
# shellcheck source=tests/lib/spec.bash
source "$(dirname "${BASH_SOURCE[0]}")/../../lib/spec.bash"
# shellcheck source=tests/e2e/lib/host_faults.bash
source "$(dirname "${BASH_SOURCE[0]}")/host_faults.bash"
# shellcheck source=tests/e2e/lib/timing.bash
source "$(dirname "${BASH_SOURCE[0]}")/timing.bash"

# Prometheus' --rules.alert.resend-delay for every replica (the timing reads it too).
STACK_RESEND_DELAY=1s

# The live stacks of every checkout on this machine take turns (stack_lock):
# the exporter's process probe sees every process named stemedb-api, so a
# second stack's simulator would keep "server down" from ever firing. ctest's
# RESOURCE_LOCK orders the tests of one build tree only. STACK_LOCK_WAIT is the
# longest a script waits for another checkout's stack; the e2e tests' ctest
# TIMEOUT adds it to their own run time (tests/e2e/CMakeLists.txt).
STACK_LOCK=${SYMPTREE_LIVE_STACK_LOCK:-/tmp/symptree-live-stack.lock}
STACK_LOCK_WAIT=${SYMPTREE_LIVE_STACK_LOCK_WAIT:-900}

stack_fail() { echo "FAIL: $*" >&2; exit 1; }

# stack_require TOOL...: fails naming the first tool that is not installed.
stack_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || stack_fail "$tool is not installed (scripts/install-deps)"
  done
}

# stack_wait SECONDS COMMAND...: polls every 0.2 s until the command succeeds.
stack_wait() { poll_until "$@"; }

port_listening() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# stack_lock: holds the machine-wide live-stack lock until this script exits
# (the processes it starts do not inherit it: stack_spawn closes it for them).
stack_lock() {
  stack_require flock
  (umask 0 && : >>"$STACK_LOCK") 2>/dev/null || true
  exec {STACK_LOCK_FD}<"$STACK_LOCK" || stack_fail "cannot open the live-stack lock $STACK_LOCK"
  flock -n "$STACK_LOCK_FD" && return 0
  echo "stack: another live stack on this machine holds $STACK_LOCK; waiting up to ${STACK_LOCK_WAIT}s" >&2
  local waited=$SECONDS
  flock -w "$STACK_LOCK_WAIT" "$STACK_LOCK_FD" ||
    stack_fail "another live stack held $STACK_LOCK for ${STACK_LOCK_WAIT}s (SYMPTREE_LIVE_STACK_LOCK_WAIT)"
  echo "stack: got $STACK_LOCK after $((SECONDS - waited))s" >&2
}

# stack_spawn ROLE LOG COMMAND...: starts COMMAND in the background, records it.
stack_spawn() {
  local role=$1 log=$2; shift 2
  if [ -n "${STACK_LOCK_FD:-}" ]; then
    "$@" >"$log" 2>&1 {STACK_LOCK_FD}<&- &
  else
    "$@" >"$log" 2>&1 &
  fi
  STACK_PIDS+=($!)
  STACK_PID[$role]=$!
}

# stack_kill ROLE: stops one started process by its pid and waits for it.
stack_kill() {
  local pid=${STACK_PID[$1]:-}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "STACK_PID[$1]"
  local kept=() p
  for p in "${STACK_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  STACK_PIDS=("${kept[@]}")
}

# stack_stop: stops every process started, by pid, then checks none is left.
stack_stop() {
  local pid
  for pid in "${STACK_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STACK_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  for pid in "${STACK_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then echo "stack: process $pid survived" >&2; return 1; fi
  done
  STACK_PIDS=()
  STACK_PID=()
  return 0
}

# stack_remove_dir: removes STACK_DIR, once stack_stop has stopped every process.
stack_remove_dir() {
  host_unmount_data_fs
  rm -rf "$STACK_DIR"
}

# stack_cleanup: the EXIT trap of a script that runs a stack. On failure (77
# is "skipped", not a failure) it shows the last notifications and what fires;
# then it stops every process by pid and removes STACK_DIR (kept when E2E_KEEP
# is set), and exits with the script's status, or 1 if a process survived.
stack_cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
    echo "--- deliveries" >&2; cut -c1-400 "$STACK_DIR/deliveries" 2>/dev/null | tail -n 20 >&2 || true
    if [ -n "${PROM_URL:-}" ]; then echo "--- firing" >&2; stack_firing >&2 2>/dev/null || true; fi
  fi
  stack_stop || rc=1
  [ -n "${E2E_KEEP:-}" ] || stack_remove_dir
  exit "$rc"
}

# stack_demo_folder: the data, WAL, backup and TLS files a healthy StemeDB host
# has; data/ is a real small filesystem when the mount namespace allows it.
stack_demo_folder() {
  local root=$STACK_DIR/host
  ! host_data_fs_possible || host_mount_data_fs
  mkdir -p "$root/data/wal" "$root/data/db" "$root/etc/tls"
  printf 'STMW\0\0\0\1healthy segment\n' >"$root/data/wal/000001.wal"
  local backup
  backup="$root/data/backups/stemedb-backup-$(date -u +%Y%m%d-%H%M%S)"
  mkdir -p "$backup"
  echo '{"assertion_count": 1000}' >"$backup/metadata.json"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$root/etc/tls/server.key" -out "$root/etc/tls/server.crt" >/dev/null 2>&1 ||
    stack_fail "openssl could not make the demo certificate"
}

# stack_demo_spec SPEC OUT DEPLOYMENT: the default spec with the demo's
# substitutions: its port, host paths and user; every receiver a webhook into
# the sink; every response STACK_RESPONSE (default 30s: group_wait 1s); every
# node with a condition `for: 2s`, absence 3s; rate windows of minutes and hours
# shortened to seconds so that recovery shows within seconds, and the generated
# tests' interval with them (5s: two samples in the shortest [10s] window; the
# 10-sample example series lengthened to 20 so they outlast warmup and `for`); then the
# DEPLOYMENT section (YAML text), from which symptree writes prometheus.yml and
# each Alertmanager's flags.
stack_demo_spec() {
  local spec=$1 out=$2 deployment=$3 root=$STACK_DIR/host
  awk -v sink="$SINK_URL" '
    /^receivers:/ { print; print "  pager: {webhook: {url: \"" sink "/pager\"}}";
                    print "  tickets: {webhook: {url: \"" sink "/tickets\", send_resolved: true}}";
                    print "  team_slack: {webhook: {url: \"" sink "/slack\"}}"; skip = 1; next }
    skip && /^[^ #]/ { skip = 0 }
    !skip' <(standalone_spec "$spec") |
    sed -E -e "s/18180/$APP_PORT/g" \
      -e "s#/var/lib/stemedb#$root/data#g" -e "s#/etc/stemedb#$root/etc#g" \
      -e "s/writable_by: stemedb/writable_by: $(id -un)/g" \
      -e "s/^(    response: ).*/\\1${STACK_RESPONSE:-30s}/" -e '/^ +for: /d' -e 's/^( +)(when: .*)/\1\2\n\1for: 2s/' \
      -e 's/\[5m\]/[10s]/g' -e 's/\[15m\]/[20s]/g' -e 's/\[1h\]/[30s]/g' -e "s/x10'/x20'/g" >"$out"
  printf '\nabsence: {for: 3s}\ntests: {interval: 5s}\n\n%s\n' "$deployment" >>"$out"
}

# stack_compile SPEC DEPLOYMENT: the demo config repo STACK_DIR/specs (the
# demo spec, and the ledger's spec with the same substitutions beside it)
# compiled into one tree, STACK_DIR/tree: the demo service's files in
# STACK_DIR/out (a link to tree/stemedb), the one Alertmanager config that
# serves both in STACK_AM (tree/alertmanager). Prometheus loads the demo
# service's rules only, so the ledger, which does not run here, pages nothing.
stack_compile() {
  mkdir -p "$STACK_DIR/specs"
  stack_demo_spec "$1" "$STACK_DIR/specs/stemedb.yaml" "$2"
  stack_demo_spec "$SOURCE_DIR/flowchart-spec/ledger.yaml" "$STACK_DIR/specs/ledger.yaml" ""
  "$BUILD_DIR/symptree" compile "$STACK_DIR/specs" -o "$STACK_DIR/tree" -q ||
    stack_fail "symptree could not compile the demo config repo"
  ln -sfn tree/stemedb "$STACK_DIR/out"
  STACK_AM=$STACK_DIR/tree/alertmanager
  stack_timing "$STACK_RESEND_DELAY"
  ln -sf "$BUILD_DIR/stemedb-sim" "$STACK_DIR/stemedb-api"
}

# stack_start_sink: the webhook sink every receiver posts to; sets SINK_OUT, SINK_URL.
stack_start_sink() {
  SINK_OUT=$STACK_DIR/deliveries
  : >"$SINK_OUT"
  stack_spawn sink "$STACK_DIR/sink.log" "$BUILD_DIR/tests/alertmanager/symptree-webhook-sink" \
    --port-file "$STACK_DIR/sink.port" --out "$SINK_OUT"
  stack_wait 10 test -s "$STACK_DIR/sink.port" || stack_fail "the webhook sink did not start"
  SINK_URL="http://127.0.0.1:$(cat "$STACK_DIR/sink.port")"
}

# stack_free_ports VAR...: a distinct free loopback port in each variable.
stack_free_ports() { free_loopback_ports "$@" || stack_fail "no free ports"; }

# stack_start SPEC: the single-host stack: starts the sink, writes and compiles
# the demo spec, then the simulator, the exporter, Alertmanager and Prometheus
# with the files symptree wrote; waits until each is up.
stack_start() {
  local spec=$1
  stack_start_sink
  stack_free_ports APP_PORT EXPORTER_PORT PROM_PORT AM_PORT
  stack_demo_folder
  stack_compile "$spec" "deployment:
  prometheus: {scrape_interval: 1s, evaluation_interval: 1s}
  alertmanagers: [{name: am, address: \"127.0.0.1:$AM_PORT\"}]
  hosts: [{name: demo, exporter: \"127.0.0.1:$EXPORTER_PORT\", service: \"127.0.0.1:$APP_PORT\"}]"
  stack_start_app
  stack_start_exporter
  stack_start_alertmanager
  stack_start_prometheus
}

# stack_start_app [ROLE PORT]: the simulator, as `stemedb-api`.
stack_start_app() {
  local role=${1:-app} port=${2:-$APP_PORT}
  stack_spawn "$role" "$STACK_DIR/$role.log" "$STACK_DIR/stemedb-api" --listen "127.0.0.1:$port"
  stack_wait 10 curl -sf "http://127.0.0.1:$port/v1/health" -o /dev/null ||
    stack_fail "the simulator ($role) did not start on $port"
}

# stack_start_exporter [ROLE PORT]: symptree-exporter with the generated exporter.yml.
stack_start_exporter() {
  local role=${1:-exporter} port=${2:-$EXPORTER_PORT}
  stack_spawn "$role" "$STACK_DIR/$role.log" "$BUILD_DIR/symptree-exporter" \
    --config "$STACK_DIR/out/exporter/exporter.yml" --web.listen-address "127.0.0.1:$port"
  stack_wait 10 curl -sf "http://127.0.0.1:$port/healthz" -o /dev/null ||
    { cat "$STACK_DIR/$role.log" >&2; stack_fail "the exporter ($role) did not start"; }
}

# stack_start_alertmanager [ROLE PEER PORT]: Alertmanager with the flags symptree
# wrote for PEER (alertmanager/cluster/PEER.env) and the generated config, plus
# STACK_AM_FLAGS (timing flags a test may add).
stack_start_alertmanager() {
  local role=${1:-alertmanager} peer=${2:-am} port=${3:-$AM_PORT} args
  # shellcheck disable=SC1090  # the generated file
  args=$(. "$STACK_AM/cluster/$peer.env" && echo "$ARGS")
  # shellcheck disable=SC2086  # ARGS is a list of flags, split as systemd splits $ARGS
  stack_spawn "$role" "$STACK_DIR/$role.log" prometheus-alertmanager $args ${STACK_AM_FLAGS:-} \
    --config.file="$STACK_AM/alertmanager.yml" --storage.path="$STACK_DIR/$role"
  [ "$role" != alertmanager ] || AM_URL="http://127.0.0.1:$port"
  stack_wait 20 curl -sf "http://127.0.0.1:$port/-/ready" -o /dev/null ||
    { cat "$STACK_DIR/$role.log" >&2; stack_fail "Alertmanager ($role) did not start"; }
}

# stack_start_prometheus [ROLE CONFIG PORT]: Prometheus with a generated
# prometheus.yml (its rule_files load the generated rules/*.yml beside it).
stack_start_prometheus() {
  local role=${1:-prometheus} config=${2:-$STACK_DIR/out/prometheus/prometheus.yml} port=${3:-$PROM_PORT}
  stack_spawn "$role" "$STACK_DIR/$role.log" prometheus \
    --config.file="$config" --web.listen-address="127.0.0.1:$port" \
    --storage.tsdb.path="$STACK_DIR/$role-tsdb" --rules.alert.resend-delay="$STACK_RESEND_DELAY"
  [ "$role" != prometheus ] || PROM_URL="http://127.0.0.1:$port"
  stack_wait 30 curl -sf "http://127.0.0.1:$port/-/ready" -o /dev/null ||
    { cat "$STACK_DIR/$role.log" >&2; stack_fail "Prometheus ($role) did not start"; }
}

# stack_fault NAME 1|0 [PORT]: switches a fault of the simulator on PORT on or off.
stack_fault() {
  curl -sf -d "" "http://127.0.0.1:${3:-$APP_PORT}/control/fault?name=$1&on=$2" -o /dev/null ||
    stack_fail "the simulator refused fault $1"
}

# stack_firing: the names of the alerts Prometheus has firing, one a line.
stack_firing() {
  curl -sf "$PROM_URL/api/v1/alerts" | jq -r '.data.alerts[] | select(.state == "firing") | .labels.alertname'
}
