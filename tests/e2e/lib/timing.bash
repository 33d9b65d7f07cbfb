# shellcheck shell=bash disable=SC2034  # the T_* and E2E_* bounds are read by the scripts that source this
# The timing of a live stack, read from the files symptree generated for it
# (tests/e2e/lib/stack.bash) and turned into the bounds every wait of the
# end-to-end suite uses: no wait is a constant of its own. A bound is the
# latest moment something is due on an idle machine (the sum of the intervals
# that lead to it), times E2E_SLACK for a loaded one: under load Prometheus
# scrapes and evaluates late and Alertmanager flushes late, but in proportion.

# E2E_SLACK: how many times the idle bound a poll may wait before it fails
# (default 5: a 2-core machine running builds and stress-ng beside the suite).
# Only a failing check waits that long; a passing one returns when it holds.
E2E_SLACK=${E2E_SLACK:-5}

# timing_ms DURATION: a Prometheus/Alertmanager duration (500ms, 8s, 1m30s, 2h) in milliseconds.
timing_ms() {
  local rest=$1 total=0 n unit
  [[ $rest =~ ^([0-9]+(ms|s|m|h|d|w|y))+$ ]] || { echo "timing: not a duration: '$1'" >&2; return 1; }
  while [[ $rest =~ ^([0-9]+)(ms|s|m|h|d|w|y)(.*)$ ]]; do
    n=${BASH_REMATCH[1]} unit=${BASH_REMATCH[2]} rest=${BASH_REMATCH[3]}
    case $unit in
      ms) total=$((total + n)) ;;
      s) total=$((total + n * 1000)) ;;
      m) total=$((total + n * 60000)) ;;
      h) total=$((total + n * 3600000)) ;;
      d) total=$((total + n * 86400000)) ;;
      w) total=$((total + n * 604800000)) ;;
      y) total=$((total + n * 31536000000)) ;;
    esac
  done
  echo "$total"
}

# timing_s DURATION: the duration in whole seconds, rounded up.
timing_s() {
  local ms
  ms=$(timing_ms "$1") || return 1
  echo $(((ms + 999) / 1000))
}

# timing_max_key KEY FILE...: the largest `KEY: DURATION` in the files, in
# seconds; fails when none holds KEY (the files are not what the suite expects).
timing_max_key() {
  local key=$1 max=-1 value seconds; shift
  while read -r value; do
    seconds=$(timing_s "$value") || return 1
    [ "$seconds" -le "$max" ] || max=$seconds
  done < <(sed -nE "s/^[ -]*$key: *['\"]?([0-9][0-9a-z]*)['\"]? *(#.*)?\$/\\1/p" "$@")
  [ "$max" -ge 0 ] || { echo "timing: no '$key:' in $*" >&2; return 1; }
  echo "$max"
}

# timing_min_key KEY FILE...: the smallest `KEY: DURATION`, in seconds.
timing_min_key() {
  local key=$1 min=-1 value seconds; shift
  while read -r value; do
    seconds=$(timing_s "$value") || return 1
    if [ "$min" -lt 0 ] || [ "$seconds" -lt "$min" ]; then min=$seconds; fi
  done < <(sed -nE "s/^[ -]*$key: *['\"]?([0-9][0-9a-z]*)['\"]? *(#.*)?\$/\\1/p" "$@")
  [ "$min" -ge 0 ] || { echo "timing: no '$key:' in $*" >&2; return 1; }
  echo "$min"
}

# timing_rules_of NAME: the text of every generated rule (out/prometheus/rules/*.yml) that alerts as NAME,
# and of the node records it joins (host:flowchart_node:holds{...,flowchart_node="X"}), theirs in turn: an alert
# fires only once its ancestors' records hold, so their windows bound it too.
timing_rules_of() {
  local rules node seen=" "
  rules=$(awk -v name="$1" '/^ *- (alert|record): / { on = ($0 ~ ("- alert: " name "$")) } on' "$STACK_DIR"/out/prometheus/rules/*.yml)
  local pending
  pending=$(grep -oE 'flowchart_node="[^"]+"' <<<"$rules" | sed -E 's/flowchart_node="(.*)"/\1/' || true)
  while [ -n "$pending" ]; do
    node=${pending%%$'\n'*}
    [ "$node" = "$pending" ] && pending="" || pending=${pending#*$'\n'}
    case "$seen" in *" $node "*) continue ;; esac
    seen="$seen$node "
    local record
    record=$(timing_record_of "$node")
    rules+=$'\n'"$record"
    pending+=$'\n'$(grep -oE 'flowchart_node="[^"]+"' <<<"$record" | sed -E 's/flowchart_node="(.*)"/\1/' || true)
    pending=$(sed '/^$/d' <<<"$pending")
  done
  printf '%s\n' "$rules"
}

# timing_record_of NODE: the text of the record rule whose labels say flowchart_node: NODE.
timing_record_of() {
  awk -v node="$1" '
    /^ *- (alert|record): / { if (is_record && mine) printf "%s", block; block = ""; mine = 0; is_record = ($0 ~ /- record: /) }
    { block = block $0 "\n" }
    $0 ~ ("^ *flowchart_node: " node "$") { mine = 1 }
    END { if (is_record && mine) printf "%s", block }' "$STACK_DIR"/out/prometheus/rules/*.yml
}

# timing_max_window: the longest range window `[DURATION]` of the rule text on stdin, in seconds (0: none).
timing_max_window() {
  local max=0 value seconds
  while read -r value; do
    seconds=$(timing_s "$value") || return 1
    [ "$seconds" -le "$max" ] || max=$seconds
  done < <(grep -oE '\[[0-9][0-9a-z]*(:[0-9a-z]*)?\]' | sed -E 's/^\[([0-9a-z]+).*/\1/')
  echo "$max"
}

# stack_timing RESEND_DELAY: reads the generated timing of STACK_DIR/out (seconds):
#   T_SCRAPE T_EVAL  the largest scrape and evaluation interval of prometheus*.yml
#   T_RESEND         Prometheus' --rules.alert.resend-delay (the caller's flag)
#   T_GROUP_WAIT T_GROUP_INTERVAL  the longest of alertmanager.yml's routes; T_REPEAT the shortest repeat_interval
#   E2E_UP    a poll for what the next scrape shows (x E2E_SLACK)
#   E2E_DATA  a poll for a rate() over the scrapes (two of them) to have a value
# The bounds of one alert are functions of its rules (e2e_alert_bound and below).
# E2E_PEER_WAIT: what a peer of an HA cluster may add before notifying (0 here; tests/e2e/ha.sh sets it).
stack_timing() {
  local out=$STACK_DIR/out
  T_SCRAPE=$(timing_max_key scrape_interval "$out"/prometheus/prometheus*.yml) || stack_fail "no scrape_interval"
  T_EVAL=$(timing_max_key evaluation_interval "$out"/prometheus/prometheus*.yml) || stack_fail "no evaluation_interval"
  T_RESEND=$(timing_s "$1") || stack_fail "bad resend delay $1"
  T_GROUP_WAIT=$(timing_max_key group_wait "$STACK_AM/alertmanager.yml") || stack_fail "no group_wait"
  T_GROUP_INTERVAL=$(timing_max_key group_interval "$STACK_AM/alertmanager.yml") || stack_fail "no group_interval"
  T_REPEAT=$(timing_min_key repeat_interval "$STACK_AM/alertmanager.yml") || stack_fail "no repeat_interval"
  E2E_UP=$((E2E_SLACK * (T_SCRAPE + T_EVAL)))
  E2E_DATA=$((E2E_SLACK * (2 * T_SCRAPE + T_EVAL)))
  E2E_PEER_WAIT=${E2E_PEER_WAIT:-0}
}

# e2e_alert_idle NAME: on an idle machine, the latest the alert NAME reaches
# Alertmanager after its fault: the next scrape, its rule's window filled, an
# evaluation, its `for`, the evaluation that fires it, Prometheus' send.
e2e_alert_idle() {
  local rules window for_s
  rules=$(timing_rules_of "$1")
  [ -n "$rules" ] || stack_fail "the generated rules have no alert $1"
  window=$(timing_max_window <<<"$rules") || stack_fail "unreadable windows in the rules of $1"
  for_s=$(sed -nE 's/^ *for: *([0-9][0-9a-z]*).*/\1/p' <<<"$rules" | while read -r d; do timing_s "$d"; done | sort -n | tail -n 1)
  echo $((T_SCRAPE + window + T_EVAL + ${for_s:-0} + T_EVAL + T_RESEND))
}

# e2e_clear_idle NAME: the latest the alert is resolved, in Prometheus and at
# Alertmanager, after its fault is removed: a scrape, the window forgets, an evaluation, a send.
e2e_clear_idle() {
  local rules window
  rules=$(timing_rules_of "$1")
  [ -n "$rules" ] || stack_fail "the generated rules have no alert $1"
  window=$(timing_max_window <<<"$rules") || stack_fail "unreadable windows in the rules of $1"
  echo $((T_SCRAPE + window + T_EVAL + T_RESEND))
}

# The polls' bounds, E2E_SLACK times the idle ones:
e2e_alert_bound() { echo $((E2E_SLACK * $(e2e_alert_idle "$1"))); }   # NAME at Alertmanager
e2e_clear_bound() { echo $((E2E_SLACK * $(e2e_clear_idle "$1"))); }   # NAME resolved
# NAME STATUS: a notification of it: firing after group_wait, resolved at the next group_interval, plus any peer wait.
e2e_notify_bound() {
  if [ "$2" = firing ]; then
    echo $((E2E_SLACK * ($(e2e_alert_idle "$1") + T_GROUP_WAIT) + E2E_PEER_WAIT))
  else
    echo $((E2E_SLACK * ($(e2e_clear_idle "$1") + T_GROUP_INTERVAL) + E2E_PEER_WAIT))
  fi
}

# e2e_max_bound FUNCTION NAME...: the largest bound of FUNCTION over the names.
e2e_max_bound() {
  local fn=$1 name bound max=0; shift
  for name in "$@"; do
    bound=$("$fn" "$name")
    [ "$bound" -le "$max" ] || max=$bound
  done
  echo "$max"
}

# stack_timing_summary: one line saying what the waits were derived from.
stack_timing_summary() {
  echo "timing (generated): scrape ${T_SCRAPE}s, evaluation ${T_EVAL}s, resend ${T_RESEND}s," \
    "group_wait ${T_GROUP_WAIT}s, group_interval ${T_GROUP_INTERVAL}s, repeat ${T_REPEAT}s;" \
    "each poll waits ${E2E_SLACK}x the idle time its alert's rules give"
}
