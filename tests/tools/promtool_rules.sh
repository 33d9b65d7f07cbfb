# The default spec compiles, and promtool accepts the rules and passes every
# generated unit test.
source "$(dirname "$0")/lib/common.bash"
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/out"
expect_output "branches: 19 of 21 enforced by an alert, 2 manual"
expect_exit 0 promtool check rules "$WORK"/out/prometheus/rules/*.yml
pass "promtool check rules"
expect_exit 0 promtool test rules "$WORK"/out/prometheus/tests/*.test.yml
expect_output "SUCCESS"
! grep -q FAILED "$WORK/last.out" || fail "a test file failed"
pass "promtool test rules, every test file"
expect_exit 0 "$SYMPTREE" check "$SPEC"
expect_output "stemedb.yaml: ok"
pass "symptree check"

# Titles with YAML's line breaks (U+0085, U+2028, U+2029), C0 controls, DEL and
# a tab: written plain or raw, promtool's YAML reader splits the line and refuses
# the file; escaped (common/quoting) they read back the same.
cp -r "$SOURCE_DIR/flowchart-spec" "$WORK/breaks"
sed -i -e 's/^    title: Server won'"'"'t start$/    title: "Server\\x85won'"'"'t\\u2028start\\u2029now"/' \
  -e 's/^        title: Port already in use?$/        title: "Port\\x01already\\tin\\x7fuse?"/' "$WORK/breaks/stemedb.yaml"
[ "$(grep -cF -e 'title: "Server\x85' -e 'title: "Port\x01' "$WORK/breaks/stemedb.yaml")" -eq 2 ] ||
  fail "the spec's first titles moved; update this test"
expect_exit 0 "$SYMPTREE" compile "$WORK/breaks/stemedb.yaml" -o "$WORK/breaks-out" -q
expect_exit 0 promtool check rules "$WORK"/breaks-out/prometheus/rules/*.yml
expect_exit 0 promtool test rules "$WORK"/breaks-out/prometheus/tests/*.test.yml
expect_output "SUCCESS"
pass "titles with U+0085, U+2028, U+2029 and control characters: promtool checks the rules and passes every test"
