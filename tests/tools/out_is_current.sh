# out/ holds exactly what the default spec compiles to, and compile --check
# catches changed, missing and leftover files.
source "$(dirname "$0")/lib/common.bash"
expect_exit 0 "$SYMPTREE" compile --check "$SPEC" -o "$SOURCE_DIR/out"
pass "out/ is current (else: build/symptree compile flowchart-spec/stemedb.yaml -o out)"

cp -r "$SOURCE_DIR/out" "$WORK/out"
echo "# hand edit" >> "$WORK/out/prometheus/rules/stemedb.disk_full.yml"
expect_exit 1 "$SYMPTREE" compile --check "$SPEC" -o "$WORK/out"
expect_output "prometheus/rules/stemedb.disk_full.yml (differs)"
pass "an edited file is stale"

rm "$WORK/out/prometheus/tests/stemedb.disk_full.test.yml"
expect_exit 1 "$SYMPTREE" compile --check "$SPEC" -o "$WORK/out"
expect_output "prometheus/tests/stemedb.disk_full.test.yml (missing)"
pass "a missing file is stale"

expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/out" -q
expect_exit 0 "$SYMPTREE" compile --check "$SPEC" -o "$WORK/out"
diff -r "$SOURCE_DIR/out" "$WORK/out" >/dev/null || fail "recompiling does not reproduce out/ byte for byte"
pass "compile is deterministic"
