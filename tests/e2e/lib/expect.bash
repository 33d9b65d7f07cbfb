# shellcheck shell=bash disable=SC2153  # SINK_OUT, AM_URL, PROM_URL, E2E_*: set by stack_start
# What the end-to-end scenarios assert on the live stack (tests/e2e/lib/stack.bash):
# notifications that reached the webhook sink, inhibitions Alertmanager shows,
# alerts Prometheus has cleared. Every wait is bounded by the stack's generated
# timing and the rules of the alert waited for (tests/e2e/lib/timing.bash).
#
# ALERT_HOST (default demo) is the host label an alert must carry; set it empty
# for an alert that carries none (a cluster-scoped node), e.g.
#   ALERT_HOST= expect_delivery "$since" /tickets StemeDBReplaceFailedNode firing

# E2E_NO_FAULT=1 skips every injection: each scenario must then fail (the check
# that its assertions depend on the fault).
NO_FAULT=${E2E_NO_FAULT:-0}
E2E_START=$SECONDS

# pass MESSAGE: one line of progress, with the seconds since the start.
pass() { echo "ok ($((SECONDS - E2E_START))s): $*"; }

# inject COMMAND...: runs the fault's command, unless E2E_NO_FAULT=1.
inject() { [ "$NO_FAULT" = 1 ] || "$@"; }

# mark: the number of deliveries so far; later checks read only those after it.
mark() { wc -l <"$SINK_OUT"; }

# notified SINCE PATH NAME STATUS [JQ-CONDITION-ON-ALERT]: for each notification
# after SINCE to receiver PATH, the array of its alerts named NAME with STATUS
# on ALERT_HOST (and the condition); notifications without one are left out.
notified() {
  local since=$1 path=$2 name=$3 status=$4 cond=${5:-true}
  tail -n +"$((since + 1))" "$SINK_OUT" | grep "^$path " | cut -d' ' -f2- |
    jq -s -c --arg n "$name" --arg s "$status" --arg h "${ALERT_HOST-demo}" \
      ".[] | [.alerts[] | select(.labels.alertname == \$n and .status == \$s
                                  and (.labels.host // \"\") == \$h and ($cond))] | select(length > 0)"
}

# delivered SINCE PATH NAME STATUS [COND]: at least one such notification.
delivered() { [ -n "$(notified "$@" 2>/dev/null)" ]; }

# expect_delivery SINCE PATH NAME STATUS [COND]: within the time the alert's
# rules and the route's timing give (e2e_notify_bound).
expect_delivery() {
  local seconds
  seconds=$(e2e_notify_bound "$3" "$4")
  stack_wait "$seconds" delivered "$@" ||
    stack_fail "no $4 notification of $3 to $2 within ${seconds}s (condition: ${5:-none})"
}

# inhibited_by NAME CAUSE...: Alertmanager shows NAME (on ALERT_HOST) inhibited,
# and only by alerts named CAUSE... on the same host.
inhibited_by() {
  local name=$1; shift
  curl -sf "$AM_URL/api/v2/alerts" | jq -e --arg n "$name" --arg h "${ALERT_HOST-demo}" \
    --argjson causes "$(printf '%s\n' "$@" | jq -R . | jq -s .)" '
    ([.[] | select(IN(.labels.alertname; $causes[]) and (.labels.host // "") == $h) | .fingerprint]) as $by
    | any(.[]; .labels.alertname == $n and (.labels.host // "") == $h
               and (.status.inhibitedBy | length > 0) and all(.status.inhibitedBy[]; IN($by[])))' >/dev/null
}

# expect_inhibited NAME CAUSE...: within the time the alerts take to reach Alertmanager.
expect_inhibited() {
  local seconds
  seconds=$(e2e_max_bound e2e_alert_bound "$@")
  stack_wait "$seconds" inhibited_by "$@" || stack_fail "$1 is not inhibited by ${*:2} after ${seconds}s"
}

# cleared NAME...: none of the alerts is firing or pending in Prometheus.
cleared() {
  local active name
  active=$(curl -sf "$PROM_URL/api/v1/alerts" | jq -r '.data.alerts[].labels.alertname') || return 1
  for name in "$@"; do ! grep -qx "$name" <<<"$active" || return 1; done
}
# expect_cleared NAME...: within the time their rules' windows take to forget the fault.
expect_cleared() {
  local seconds
  seconds=$(e2e_max_bound e2e_clear_bound "$@")
  stack_wait "$seconds" cleared "$@" || stack_fail "still active after ${seconds}s: $*"
}

# runbook PATH: the runbook URL the demo spec links for PATH (with its #anchor).
runbook() { echo "https://docs.example.com/stemedb/operations/runbooks/$1"; }

# runbook_is PATH: the jq condition "the alert links the runbook PATH".
runbook_is() { echo ".annotations.runbook_url == \"$(runbook "$1")\""; }
