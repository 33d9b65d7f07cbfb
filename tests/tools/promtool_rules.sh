# The default spec compiles, and promtool accepts the rules and passes every
# generated unit test.
source "$(dirname "$0")/lib/common.bash"
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/out"
expect_output "branches: 19 of 21 enforced by an alert, 2 manual"
expect_exit 0 promtool check rules "$WORK/out/prometheus/rules.yml"
pass "promtool check rules"
expect_exit 0 promtool test rules "$WORK/out/prometheus/rules.test.yml"
expect_output "SUCCESS"
pass "promtool test rules"
expect_exit 0 "$SYMPTREE" check "$SPEC"
expect_output "stemedb.yaml: ok"
pass "symptree check"
