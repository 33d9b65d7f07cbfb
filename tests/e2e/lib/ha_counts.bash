# shellcheck shell=bash disable=SC2153,SC2034  # SINK_OUT, STACK_DIR, PEERS, AM_PORT_*: set by tests/e2e/ha.sh; the windows are read there
# What tests/e2e/ha.sh counts, and the windows it counts in. Alertmanager's HA
# promises at-least-once delivery: a peer at position p (peers sorted by name)
# waits p x peer_timeout after its flush of a group, then skips what the
# gossiped notification log says was already sent. So a duplicate of a
# notification can only come from another peer, at most (peers - 1) x
# peer_timeout after the first, plus the spread of the peers' flushes (the
# alert reaches every peer within one evaluation and one resend of Prometheus).
# Each notification is attributed to the peer that sent it by its externalURL.

# ha_flag NAME ARGS: the value of --NAME= in the generated ARGS, else
# Alertmanager's own default for it, read from its --help.
ha_flag() {
  local value
  value=$(sed -nE "s/.*--$1=([^ ]+).*/\\1/p" <<<"$2")
  [ -n "$value" ] || value=$(prometheus-alertmanager --help 2>&1 | sed -nE "s/^ *--$1=([^ ]+).*/\\1/p" | head -n 1)
  [ -n "$value" ] || stack_fail "neither the generated flags nor Alertmanager's --help give --$1"
  echo "$value"
}

# ha_timing: the HA windows and poll bounds, from the generated flags of am-1
# (every peer has the same timing flags) and the stack's timing (stack_timing).
ha_timing() {
  local args gossip_ms settle_timeout
  # shellcheck disable=SC1090,SC1091  # the generated file
  args=$(. "$STACK_AM/cluster/am-1.env" && echo "$ARGS")
  PEER_TIMEOUT=$(timing_s "$(ha_flag cluster.peer-timeout "$args")") || stack_fail "bad peer timeout"
  gossip_ms=$(timing_ms "$(ha_flag cluster.gossip-interval "$args")") || stack_fail "bad gossip interval"
  settle_timeout=$(timing_s "$(ha_flag cluster.settle-timeout "$args")") || stack_fail "bad settle timeout"
  # A peer that starts settles once its peer count held over 3 polls 10 gossip
  # intervals apart, or at --cluster.settle-timeout.
  T_SETTLE=$(((4 * 10 * gossip_ms + 999) / 1000))
  local spread=$((E2E_SLACK * (T_EVAL + T_RESEND)))
  WINDOW_3=$((2 * PEER_TIMEOUT + spread))
  WINDOW_2=$((PEER_TIMEOUT + spread))
  E2E_PEER_WAIT=$(((PEERS - 1) * PEER_TIMEOUT))   # the polls for a notification (e2e_notify_bound)
  SETTLE_POLL=$((settle_timeout + E2E_SLACK * T_SETTLE))
  RESTART_POLL=$((SETTLE_POLL + E2E_SLACK * ($(e2e_alert_idle StemeDBQueriesSlow) + T_GROUP_WAIT) + E2E_PEER_WAIT))
}

# peer_name PORT: am-N for the web port of peer N.
peer_name() {
  case $1 in
    "$AM_PORT_1") echo am-1 ;; "$AM_PORT_2") echo am-2 ;; "$AM_PORT_3") echo am-3 ;; *) echo "unknown:$1" ;;
  esac
}

# sent_by SINCE UNTIL PATH NAME STATUS: for each notification to PATH between
# deliveries SINCE and UNTIL (empty: to the end) that holds NAME with STATUS on
# ALERT_HOST, a line "PEER ALERTS": the peer that sent it and how many such
# alerts it holds (2 would mean the replicas' alerts were not made identical).
sent_by() {
  local since=$1 until=${2:-} path=$3 name=$4 status=$5 port count
  { if [ -n "$until" ]; then head -n "$until" "$SINK_OUT"; else cat "$SINK_OUT"; fi; } |
    tail -n +"$((since + 1))" | grep "^$path " | cut -d' ' -f2- |
    jq -r --arg n "$name" --arg s "$status" --arg h "${ALERT_HOST-}" '
      [.alerts[] | select(.labels.alertname == $n and .status == $s and (.labels.host // "") == $h)] as $m
      | select($m | length > 0) | "\(.externalURL) \($m | length)"' |
    while read -r url count; do
      port=${url%/}; port=${port##*:}
      echo "$(peer_name "$port") $count"
    done
}

# await_first SINCE PATH NAME STATUS: waits for the first such notification
# (ALERT_HOST as set; bounded by e2e_notify_bound); FIRST_SEEN is when it was seen.
await_first() {
  expect_delivery "$@"
  FIRST_SEEN=$SECONDS
}

declare -A HA_CHECKS=()   # "since|path|name|status|host" -> "bound|what"

# ha_count_check SINCE UNTIL PATH NAME STATUS BOUND WHAT: between one and BOUND
# such notifications, no peer twice, each holding one alert; says why not.
ha_count_check() {
  local since=$1 until=$2 path=$3 name=$4 status=$5 bound=$6 what=$7 lines peers count
  local label="$name ($status, host '${ALERT_HOST-}') to $path"
  lines=$(sent_by "$since" "$until" "$path" "$name" "$status")
  count=$(grep -c . <<<"$lines" || true)
  peers=$(cut -d' ' -f1 <<<"$lines" | sort | tr '\n' ' ')
  [ "$count" -ge 1 ] || { echo "$what: $label was never notified: lost"; return 1; }
  [ "$count" -le "$bound" ] || { echo "$what: $label was notified $count times (by ${peers% }), at most $bound allowed"; return 1; }
  [ -z "$(cut -d' ' -f1 <<<"$lines" | sort | uniq -d)" ] ||
    { echo "$what: $label was notified twice by one peer (${peers% }): a peer ignored its own notification log"; return 1; }
  ! cut -d' ' -f2 <<<"$lines" | grep -qvx 1 ||
    { echo "$what: $label reached $path as several alerts in one notification: the replica label was not dropped"; return 1; }
  echo "$what: $label notified $count time(s), by ${peers% } (allowed: 1 to $bound)"
}

# expect_count BOUND SINCE PATH NAME STATUS WHAT: the check above, now and
# again at the end of the run (recheck_counts; the last bound given for the
# same group state wins: a failover after a steady-state check allows more).
expect_count() {
  local bound=$1 since=$2 path=$3 name=$4 status=$5 what=$6 said
  said=$(ha_count_check "$since" "" "$path" "$name" "$status" "$bound" "$what") || stack_fail "$said"
  pass "$said"
  HA_CHECKS["$since|$path|$name|$status|${ALERT_HOST-}"]="$bound|$what"
}

# check_until KEY: where the part of the run of the check KEY ends: the mark
# of the next check of the same group state (a later incident), or "" (the end).
check_until() {
  local key=$1 other until=""
  for other in "${!HA_CHECKS[@]}"; do
    if [ "${other#*|}" = "${key#*|}" ] && [ "${other%%|*}" -gt "${key%%|*}" ] &&
      { [ -z "$until" ] || [ "${other%%|*}" -lt "$until" ]; }; then
      until=${other%%|*}
    fi
  done
  echo "$until"
}

# recheck_counts: every check again over its part of the run.
recheck_counts() {
  local key since path name status host bound what said
  for key in "${!HA_CHECKS[@]}"; do
    IFS='|' read -r since path name status host <<<"$key"
    IFS='|' read -r bound what <<<"${HA_CHECKS[$key]}"
    said=$(ALERT_HOST=$host ha_count_check "$since" "$(check_until "$key")" "$path" "$name" "$status" "$bound" "$what") ||
      stack_fail "at the end of the run: $said"
  done
}

# count_summary: how many notifications each checked group state had, and how
# many of them were duplicates allowed under failover.
count_summary() {
  local key since path name status host n total=0 dups=0
  for key in "${!HA_CHECKS[@]}"; do
    IFS='|' read -r since path name status host <<<"$key"
    n=$(ALERT_HOST=$host sent_by "$since" "$(check_until "$key")" "$path" "$name" "$status" | grep -c . || true)
    total=$((total + 1)); dups=$((dups + n - 1))
  done
  echo "$total group states notified, none lost, $dups duplicate(s) under failover"
}

# metric_sum PREFIX: the sum of the samples whose line starts with PREFIX in the exposition on stdin.
metric_sum() { awk -v m="$1" 'index($0, m) == 1 { s += $NF } END { printf "%d\n", s }'; }

# peer_caught_up PORT SINCE: the (restarted) peer on PORT holds groups and has
# decided each at least once (one notification log query per group flush),
# and every webhook notification it sent is among the deliveries after SINCE.
peer_caught_up() {
  local port=$1 since=$2 groups metrics sent arrived
  groups=$(curl -sf "http://127.0.0.1:$port/api/v2/alerts/groups" | jq length) || return 1
  [ "$groups" -ge 1 ] || return 1
  metrics=$(curl -sf "http://127.0.0.1:$port/metrics") || return 1
  [ "$(metric_sum alertmanager_nflog_queries_total <<<"$metrics")" -ge "$groups" ] || return 1
  sent=$(metric_sum 'alertmanager_notifications_total{integration="webhook"}' <<<"$metrics")
  arrived=$(tail -n +"$((since + 1))" "$SINK_OUT" | cut -d' ' -f2- | jq -r .externalURL |
    grep -cE ":$port/?\$" || true)
  [ "$arrived" -ge "$sent" ]
}
