# Alert templates render as Prometheus renders them: symptree_template_cases
# writes alerts that each carry one float64 value (NaN, infinities, -0, tiny,
# huge, durations, percentages) through every template function symptree
# supports, with symptree's renderings as the expected annotations, and
# promtool test rules must pass; with one rendering changed it must fail.
source "$(dirname "$0")/lib/common.bash"
CASES="$BUILD_DIR/tests/symptree_template_cases"
[ -x "$CASES" ] || fail "$CASES is not built"
mkdir -p "$WORK/good" "$WORK/bad"
expect_exit 0 "$CASES" "$WORK/good"
expect_exit 0 promtool check rules "$WORK/good/rules.yml"
pass "promtool check rules accepts every template"
expect_exit 0 promtool test rules "$WORK/good/values.test.yml"
expect_output "SUCCESS"
alerts=$(grep -c '^      - alert:' "$WORK/good/rules.yml")
renderings=$(grep -c '^              [A-Za-z0-9]*: ' "$WORK/good/values.test.yml")
[ "$alerts" -ge 60 ] && [ "$renderings" -ge 1200 ] || fail "only $alerts alerts, $renderings renderings"
pass "promtool renders $renderings annotations of $alerts values exactly as symptree does"
expect_exit 0 "$CASES" "$WORK/bad" --mutate
expect_exit 1 promtool test rules "$WORK/bad/values.test.yml"
expect_output "alertname: Value24"
pass "one rendering changed: promtool test rules fails on it"
