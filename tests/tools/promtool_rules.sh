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

# A title with YAML's line breaks (U+0085, U+2028, U+2029), a C0 control and a
# tab: written plain or raw, promtool's YAML reader splits the line and refuses
# the file; escaped (common/quoting) it reads back the same.
cp -r "$SOURCE_DIR/flowchart-spec" "$WORK/breaks"
sed -i 's/^    title: Server won'"'"'t start$/    title: "Server\\x85won'"'"'t\\u2028start\\u2029now"/' "$WORK/breaks/stemedb.yaml"
grep -qF 'title: "Server\x85' "$WORK/breaks/stemedb.yaml" || fail "the spec's first title moved; update this test"
cp "$WORK/breaks/stemedb.yaml" "$WORK/breaks/controls.yaml"
sed -i 's/^    title: "Server.*$/    title: "Server\\x01won'"'"'t\\tstart\\x7fnow"/' "$WORK/breaks/controls.yaml"
for spec in stemedb controls; do
  expect_exit 0 "$SYMPTREE" compile "$WORK/breaks/$spec.yaml" -o "$WORK/breaks-out-$spec" -q
  expect_exit 0 promtool check rules "$WORK/breaks-out-$spec/prometheus/rules.yml"
  expect_exit 0 promtool test rules "$WORK/breaks-out-$spec/prometheus/rules.test.yml"
  expect_output "SUCCESS"
done
pass "titles with U+0085, U+2028, U+2029 and control characters: promtool checks the rules and passes every test"
