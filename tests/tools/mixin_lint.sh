# The generated alerts follow the monitoring-mixins guidelines as mixtool's
# lint enforces them (tests/tools/lib/mixin_lint.py): CamelCase names, a known
# severity, a summary that is a sentence without templates, and a description
# with a template, including the cluster-wide alerts and the absence alerts;
# and at most 20 rules a group (tests/tools/lib/rule_groups.py). For StemeDB's
# spec and every complete example spec. The checker must catch each rule broken.
source "$(dirname "$0")/lib/common.bash"
LINT="$SOURCE_DIR/tests/tools/lib/mixin_lint.py"
specs=("$SPEC")
for example in "$SOURCE_DIR"/flowchart-spec/examples/*.yaml; do
  grep -q '^service:' "$example" && specs+=("$example")  # deployment-ha.yaml is a section to append
done
[ "${#specs[@]}" -ge 5 ] || fail "only ${#specs[@]} specs found"
for spec in "${specs[@]}"; do
  name=$(basename "$spec" .yaml)
  expect_exit 0 "$SYMPTREE" compile "$spec" -o "$WORK/$name"
  expect_exit 0 python3 "$LINT" "$WORK/$name"
  pass "$name: $(tail -1 "$WORK/last.out")"
  expect_exit 0 python3 "$SOURCE_DIR/tests/tools/lib/rule_groups.py" "$WORK/$name" 20
  pass "$name: $(tail -1 "$WORK/last.out")"
done

# Each guideline broken in a copy of StemeDB's rules must be reported.
lint_breaks() {
  local name=$1 expression=$2 expected=$3
  rm -rf "$WORK/bad" && cp -r "$WORK/stemedb" "$WORK/bad"
  sed -i "$expression" "$WORK"/bad/prometheus/rules/*.yml
  diff -rq "$WORK/stemedb/prometheus/rules" "$WORK/bad/prometheus/rules" >/dev/null && fail "$name: the mutation changed nothing"
  expect_exit 1 python3 "$LINT" "$WORK/bad"
  expect_output "$expected"
  pass "$name is reported ($expected)"
}
lint_breaks "cluster description without its value" 's/Across the cluster (value {{ $value | humanize }}): /Across the cluster: /' \
  "StemeDBReplaceFailedNode: [alert-description-templating]"
lint_breaks "absence description without the job" 's/ (job {{ $labels.job }})//' "StemeDBMetricAbsent: [alert-description-templating]"
lint_breaks "summary with a template" 's/summary: Cluster operations → Replacing failed node\./summary: "On {{ $labels.host }}."/' \
  "StemeDBReplaceFailedNode: [alert-summary-templating]"
lint_breaks "summary without its period" 's/summary: \(.*\)\.$/summary: \1/' "[alert-summary-style]"
lint_breaks "alert name not CamelCase" 's/alert: StemeDBReplaceFailedNode/alert: stemedb_replace_failed_node/' \
  "stemedb_replace_failed_node: [alert-name-camelcase]"
lint_breaks "unknown severity" '0,/severity: warning/s//severity: page/' "[alert-severity-rule]"
