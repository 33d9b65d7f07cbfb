# The flowchart for people: the DOT renders with Graphviz and the SVG links
# the runbooks; the Mermaid parses with Mermaid's own parser; diagnose.sh passes
# shellcheck and writes its bundle even when a command is missing, fails or
# hangs; compile --check without Graphviz; explain and coverage.
source "$(dirname "$0")/lib/common.bash"
SYMPTREE=$(realpath "$SYMPTREE") SPEC=$(realpath "$SPEC") SOURCE_DIR=$(realpath "$SOURCE_DIR")
OUT="$WORK/out"
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$OUT"
for file in flowchart.md flowchart.dot diagnose.sh; do
  [ -s "$OUT/docs/$file" ] || fail "compile did not write docs/$file"
done

command -v dot >/dev/null || fail "Graphviz is not installed: run scripts/install-deps"
dot -Tsvg "$OUT/docs/flowchart.dot" -o "$WORK/check.svg" || fail "dot -Tsvg rejects docs/flowchart.dot"
[ -s "$OUT/docs/flowchart.svg" ] || fail "compile did not write docs/flowchart.svg although dot is installed"
grep -qF 'xlink:href="https://docs.example.com/stemedb/operations/runbooks/server-wont-start.md#port-conflict"' \
  "$OUT/docs/flowchart.svg" || fail "the SVG does not link a node to its runbook section"
pass "flowchart.dot renders with dot -Tsvg; flowchart.svg links the runbooks"

docs_dir="$SOURCE_DIR/tests/docs"
[ -d "$docs_dir/node_modules/mermaid" ] || fail "Mermaid is not installed: run scripts/install-deps (npm ci in tests/docs)"
expect_exit 0 node "$docs_dir/mermaid_parse.mjs" "$OUT/docs/flowchart.md"
expect_output "block 1 parses as flowchart"
sed 's/^  start{{/  start{{{/' "$OUT/docs/flowchart.md" >"$WORK/broken.md"
expect_exit 1 node "$docs_dir/mermaid_parse.mjs" "$WORK/broken.md"
expect_output "does not parse"
pass "the Mermaid diagram parses with Mermaid's parser, which rejects a broken one"

command -v shellcheck >/dev/null || fail "shellcheck is not installed: run scripts/install-deps"
expect_exit 0 shellcheck "$OUT/docs/diagnose.sh"
pass "diagnose.sh is shellcheck-clean"

# A spec whose diagnostics succeed, fail, are missing and hang.
cat >"$WORK/spec.yaml" <<'YAML'
version: 1
service: shop
runbooks: {base_url: "https://runbooks.example.com/shop/"}
priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
receivers:
  pager: {webhook: {url: "http://127.0.0.1:9095/"}}
host:
  processes: [{name: shop-api}]
always_check:
  - {run: "echo first", why: First}
escalation:
  bundle:
    - {run: "echo bundle-ok", file: logs.txt}
    - {run: "definitely-not-a-command-xyz", file: missing.txt}
symptoms:
  - id: api_down
    title: API is down
    priority: P0
    when: 'symptree_process_up{name="shop-api"} == 0'
    runbook: api-down.md
    diagnostics:
      - {run: "echo \"it's here\"", why: Quoting}
      - {run: "definitely-not-a-command-xyz --version", why: A missing tool}
      - {run: "sleep 30", why: A hanging command}
      - {run: "echo partial; exit 3", why: A failing command}
  - id: other
    title: Other
    priority: P0
    when: 'symptree_process_up{name="shop-api"} == 0'
    runbook: other.md
    diagnostics:
      - {run: "echo other", why: Other}
YAML
expect_exit 0 "$SYMPTREE" --no-promtool compile "$WORK/spec.yaml" -o "$WORK/small" -q
expect_exit 0 shellcheck "$WORK/small/docs/diagnose.sh"
mkdir -p "$WORK/run" && cd "$WORK/run"
started=$SECONDS
expect_exit 0 bash "$WORK/small/docs/diagnose.sh" -t 1 -o "$WORK/bundles"
[ $((SECONDS - started)) -lt 15 ] || fail "the timeout did not bound the hanging command"
bundle=$(find "$WORK/bundles" -mindepth 1 -maxdepth 1 -type d)
[[ "$(basename "$bundle")" =~ ^incident-[0-9]{8}-[0-9]{6}$ ]] || fail "bundle folder is '$bundle'"
summary="$bundle/summary.tsv"
grep -qP '^0\t\d+\tapi_down/01-echo-it-s-here\.txt\t' "$summary" || fail "no success in $summary"
grep -qP '^127\t\d+\tapi_down/02-' "$summary" || fail "the missing command is not recorded"
grep -qP '^124\t\d+\tapi_down/03-sleep-30\.txt\t' "$summary" || fail "the hanging command was not timed out"
grep -qP '^3\t\d+\tapi_down/04-' "$summary" || fail "the failing command's status is not recorded"
grep -qF "it's here" "$bundle/api_down/01-echo-it-s-here.txt" || fail "quoted command output missing"
grep -qF partial "$bundle/api_down/04-echo-partial-exit-3.txt" || fail "a failing command's output is kept"
grep -qF bundle-ok "$bundle/logs.txt" || fail "escalation bundle file missing"
grep -qF first "$bundle/first/01-echo-first.txt" || fail "always-check output missing"
[ -d "$bundle/other" ] && [ -s "$bundle/README.txt" ] && [ -s "$bundle.tar.gz" ] || fail "bundle incomplete"
pass "diagnose.sh writes the bundle although commands are missing, fail and hang"

expect_exit 0 bash "$WORK/small/docs/diagnose.sh" -t 1 -o "$WORK/one" other
one=$(find "$WORK/one" -mindepth 1 -maxdepth 1 -type d)
[ -d "$one/other" ] && [ ! -d "$one/api_down" ] || fail "diagnose.sh other ran other symptoms"
expect_exit 2 bash "$WORK/small/docs/diagnose.sh" -o "$WORK/none" nope
expect_output "unknown symptom 'nope'"
[ ! -e "$WORK/none" ] || fail "an unknown symptom created a bundle"
expect_exit 0 bash "$WORK/small/docs/diagnose.sh" -l
expect_output "api_down"
pass "diagnose.sh SYMPTOM runs one section; an unknown one is refused"

expect_exit 0 timeout 200 bash "$OUT/docs/diagnose.sh" -t 2 -o "$WORK/stemedb" server_wont_start
stemedb=$(find "$WORK/stemedb" -mindepth 1 -maxdepth 1 -type d)
[ -s "$stemedb/server_wont_start/01-lsof-i-18180.txt" ] && [ -e "$stemedb/logs.txt" ] || fail "StemeDB bundle incomplete"
pass "StemeDB's diagnose.sh writes its bundle here"
cd "$WORK"

# Without Graphviz the SVG is neither rendered nor required, but must match the DOT.
cp -r "$OUT" "$WORK/nodot"
expect_exit 0 env PATH=/nonexistent "$SYMPTREE" --no-promtool compile --check "$SPEC" -o "$WORK/nodot"
sed -i 's/sha256:[0-9a-f]*/sha256:0000/' "$WORK/nodot/docs/flowchart.svg"
expect_exit 1 env PATH=/nonexistent "$SYMPTREE" --no-promtool compile --check "$SPEC" -o "$WORK/nodot"
expect_output "docs/flowchart.svg (rendered from another source)"
expect_exit 0 env PATH=/nonexistent "$SYMPTREE" --no-promtool compile "$SPEC" -o "$WORK/nodot"
expect_output "docs/flowchart.svg not rendered: Graphviz \`dot\` is not installed"
[ ! -e "$WORK/nodot/docs/flowchart.svg" ] || fail "a stale SVG was kept"
expect_exit 0 env PATH=/nonexistent "$SYMPTREE" --no-promtool compile --check "$SPEC" -o "$WORK/nodot"
expect_exit 1 "$SYMPTREE" compile --check "$SPEC" -o "$WORK/nodot"
expect_output "docs/flowchart.svg (missing)"
pass "without Graphviz: a matching SVG is current, a stale one is reported and removed"

expect_exit 0 "$SYMPTREE" explain StemeDBPortConflict "$SPEC"
expect_output "Server won't start → Port already in use?"
expect_output "https://docs.example.com/stemedb/operations/runbooks/server-wont-start.md#port-conflict"
expect_output "Pages: pager (pagerduty)"
expect_output "lsof -i :18180"
expect_exit 2 "$SYMPTREE" explain StemeDBPortConflct "$SPEC"
expect_output "did you mean 'StemeDBPortConflict'?"
pass "explain; an unknown name gets a did-you-mean hint"

expect_exit 0 "$SYMPTREE" coverage "$SPEC"
expect_output "promtool cases run, 0 failed"
expect_output "manual: A planned migration an operator starts"
expect_exit 0 "$SYMPTREE" coverage --json "$SPEC"
node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!j.tests.ran || j.tests.failed !== 0 || !j.rows.some((r) => r.kind === "manual")) process.exit(1);' \
  "$WORK/last.out" || fail "coverage --json is not the expected JSON"
expect_exit 1 env PATH=/nonexistent "$SYMPTREE" coverage "$SPEC"
expect_output "NOT RUN: promtool is not installed"
expect_output "test cases NOT RUN (promtool is not installed"
expect_exit 0 env PATH=/nonexistent "$SYMPTREE" coverage --no-run "$SPEC"
cat >"$WORK/crashing-promtool" <<'SH'
#!/bin/sh
kill -SEGV $$
SH
chmod +x "$WORK/crashing-promtool"
expect_exit 1 "$SYMPTREE" coverage "$SPEC" --promtool "$WORK/crashing-promtool" --no-promtool
expect_output "promtool test rules failed without naming a test"
# A promtool whose run of the server_wont_start test file fails one case; the
# other files, on whichever of the -j processes, pass.
cat >"$WORK/fake-promtool" <<'SH'
#!/bin/sh
case "$*" in
  *stemedb.server_wont_start.test.yml*)
    printf 'Unit Testing:  stemedb.server_wont_start.test.yml\n  FAILED:\n    name: StemeDBTlsError: silent when its own condition does not hold,\n'
    exit 1 ;;
esac
echo SUCCESS
SH
chmod +x "$WORK/fake-promtool"
for jobs in 1 3; do
  expect_exit 1 "$SYMPTREE" --promtool "$WORK/fake-promtool" --no-promtool coverage -j "$jobs" "$SPEC"
  expect_output "failed: 1 failed check in its"
  expect_output "promtool cases run, 1 failed"
  expect_output "promtool's report of the failures:"
  expect_output "    name: StemeDBTlsError: silent when its own condition does not hold,"
done
pass "coverage runs promtool, maps failures to alerts, says when it cannot run"
# -j: the test files on one process or several give the same table.
expect_exit 0 "$SYMPTREE" coverage -j 1 "$SPEC"
cp "$WORK/last.out" "$WORK/coverage-j1"
expect_exit 0 "$SYMPTREE" coverage -j 4 "$SPEC"
cmp -s "$WORK/coverage-j1" "$WORK/last.out" || fail "coverage -j 1 and -j 4 differ"
expect_exit 64 "$SYMPTREE" coverage -j 0 "$SPEC"
pass "coverage -j 1 and -j 4 agree; -j 0 is a usage error (64)"
