# The generated Alertmanager configuration passes `amtool check-config`, and
# `amtool config routes test` confirms the receiver of every alert the rules can
# produce (out/alertmanager/routes.test); a merge file still validates; the
# version target decides url_file; a malformed receiver writes nothing.
source "$(dirname "$0")/lib/common.bash"
command -v amtool >/dev/null || fail "amtool is not installed (scripts/install-deps installs prometheus-alertmanager)"
AM="$WORK/out/alertmanager"

expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/out"
expect_exit 0 amtool check-config "$AM/alertmanager.yml"
expect_output "SUCCESS"
pass "amtool check-config"

# Every alert of the rule files has a line in routes.test.
alerts=$(cat "$WORK"/out/prometheus/rules/*.yml | grep -c '^      - alert: ')
lines=$(grep -vc '^#' "$AM/routes.test")
[ "$alerts" -eq "$lines" ] || fail "the rule files have $alerts alerts but routes.test $lines lines"
while read -r name; do
  grep -q " alertname=$name " "$AM/routes.test" || fail "routes.test lacks $name"
done < <(cat "$WORK"/out/prometheus/rules/*.yml | sed -n 's/^      - alert: //p' | sort -u)

# amtool resolves each alert to the listed receivers (exit 1 on a mismatch), for
# StemeDB's and an example's whose absence lines carry quoted selectors. The
# labels are split as docs/alertmanager.md shows: one argument per label, a
# double-quoted value (with \" inside) kept whole.
routes_check() {  # routes_check ALERTMANAGER_DIR
  local checked=0 receivers labels
  local -a args
  while read -r receivers labels; do
    case "$receivers" in '#'*|'') continue ;; esac
    mapfile -t args < <(grep -oE '[^ =]+=("([^"\\]|\\.)*"|[^ "]*)' <<<"$labels")
    amtool config routes test --config.file="$1/alertmanager.yml" --verify.receivers="$receivers" "${args[@]}" \
      >"$WORK/route.out" 2>&1 || { cat "$WORK/route.out" >&2; fail "amtool routes $labels elsewhere than $receivers"; }
    checked=$((checked + 1))
  done <"$1/routes.test"
  pass "amtool config routes test: $checked alerts of $(basename "$(dirname "$1")") reach their receivers"
}
routes_check "$AM"
expect_exit 0 "$SYMPTREE" compile "$SOURCE_DIR/flowchart-spec/examples/postgres-sources.yaml" -o "$WORK/pg"
grep -q 'flowchart_selector="' "$WORK/pg/alertmanager/routes.test" || fail "the postgres example has no selector line"
routes_check "$WORK/pg/alertmanager"
# ... and the check can fail.
expect_exit 1 amtool config routes test --config.file="$AM/alertmanager.yml" --verify.receivers=tickets \
  alertname=StemeDBServerWontStart flowchart_service=stemedb priority=P0
pass "amtool config routes test catches a wrong receiver"

# A P0 re-pages before its 15-minute response time passes.
[[ "$(grep -A5 'priority="P0"' "$AM/alertmanager.yml")" == *"repeat_interval: 7m30s"* ]] || fail "P0 repeat_interval"
pass "P0 timing"

# A merge file: a team route with continue, its receiver, an inhibit rule, a time interval.
mkdir -p "$WORK/merge"
cp "$SPEC_STANDALONE" "$WORK/merge/stemedb.yaml"
sed -i 's|^  version: "0.25" .*|  version: "0.25"\n  merge: extra.yml|' "$WORK/merge/stemedb.yaml"
cat >"$WORK/merge/extra.yml" <<'YAML'
routes:
  - matchers: ['flowchart_symptom="disk_full"']
    receiver: storage-team
    continue: true
    mute_time_intervals: [maintenance]
receivers:
  - name: storage-team
    email_configs:
      - to: storage@example.com
        from: alertmanager@example.com
        smarthost: 'smtp.example.com:587'
        auth_username: alertmanager
        auth_password_file: /etc/alertmanager/secrets/smtp
inhibit_rules:
  - source_matchers: ['alertname="StemeDBMaintenance"']
    target_matchers: ['flowchart_service="stemedb"', 'priority=~"P2|P3"']
    equal: [host]
time_intervals:
  - name: maintenance
    time_intervals:
      - weekdays: ['sunday']
        times: [{start_time: '02:00', end_time: '04:00'}]
YAML
expect_exit 0 "$SYMPTREE" compile "$WORK/merge/stemedb.yaml" -o "$WORK/merged"
expect_exit 0 amtool check-config "$WORK/merged/alertmanager/alertmanager.yml"
expect_output "4 receivers"
grep -q '^storage-team,pager alertname=StemeDBDiskFull ' "$WORK/merged/alertmanager/routes.test" || fail "merged route in routes.test"
expect_exit 0 amtool config routes test --config.file="$WORK/merged/alertmanager/alertmanager.yml" \
  --verify.receivers=storage-team,pager alertname=StemeDBDiskFull flowchart_service=stemedb priority=P1 flowchart_symptom=disk_full
pass "a merge file adds routes, receivers, rules and still validates"

# An inline secret in the merge file: exit 2, file:line:column, nothing written.
sed -i 's|auth_password_file: /etc/alertmanager/secrets/smtp|auth_password: hunter2|' "$WORK/merge/extra.yml"
cp -a "$WORK/merged" "$WORK/merged.before"
expect_exit 2 "$SYMPTREE" compile "$WORK/merge/stemedb.yaml" -o "$WORK/merged"
expect_output "extra.yml:13:9: error: 'auth_password' is a secret written inline"
expect_output "auth_password_file"
diff -r "$WORK/merged" "$WORK/merged.before" >/dev/null || fail "a failed compile changed the output directory"
pass "an inline secret in the merge file is refused and nothing is written"

# Version targeting: webhook url_file is refused for 0.25 and written for 0.26.
sed 's|webhook: {url: http://127.0.0.1:9095/tickets, send_resolved: false}|webhook: {url_file: /etc/alertmanager/secrets/tickets-url}|' \
  "$SPEC_STANDALONE" >"$WORK/url_file.yaml"
expect_exit 2 "$SYMPTREE" check "$WORK/url_file.yaml"
line=$(grep -n 'webhook: {url_file' "$WORK/url_file.yaml" | cut -d: -f1)
expect_output "url_file.yaml:$line:15: error: 'url_file' needs Alertmanager 0.26 or newer; the spec targets 0.25"
sed -i 's|^  version: "0.25" .*|  version: "0.26"|' "$WORK/url_file.yaml"
expect_exit 0 "$SYMPTREE" compile "$WORK/url_file.yaml" -o "$WORK/v026"
grep -q 'url_file: /etc/alertmanager/secrets/tickets-url' "$WORK/v026/alertmanager/alertmanager.yml" || fail "url_file"
# amtool 0.25 itself refuses the field, which is why the target version matters.
expect_exit 1 amtool check-config "$WORK/v026/alertmanager/alertmanager.yml"
expect_output "url_file not found"
pass "version targeting: url_file only for Alertmanager 0.26 and newer"

# An inline secret in the spec names the _file field; nothing is written.
sed 's|pagerduty: {routing_key_file: /etc/alertmanager/secrets/stemedb-pagerduty}|pagerduty: {routing_key: 0123456789abcdef}|' \
  "$SPEC_STANDALONE" >"$WORK/secret.yaml"
cp -a "$WORK/out" "$WORK/out.before"
expect_exit 2 "$SYMPTREE" compile "$WORK/secret.yaml" -o "$WORK/out"
line=$(grep -n 'pagerduty: {routing_key:' "$WORK/secret.yaml" | cut -d: -f1)
expect_output "secret.yaml:$line:17: error: 'routing_key' is a secret written inline in the spec"
expect_output "routing_key_file: /path/to/file"
diff -r "$WORK/out" "$WORK/out.before" >/dev/null || fail "a failed compile changed the output directory"
pass "an inline secret in the spec is refused and nothing is written"
