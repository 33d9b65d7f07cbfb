# The command line: help, version, usage errors and unreadable input; the
# promtool it is given (named, missing, hanging); output folders holding files
# symptree did not write.
source "$(dirname "$0")/lib/common.bash"
expect_exit 0 "$SYMPTREE" --help
expect_output "compile"
expect_output "Exit codes"
expect_exit 0 "$SYMPTREE" compile --help
expect_output "--check"
expect_exit 0 "$SYMPTREE" --help-all  # what the man page is made of: every command's options
expect_output "--format"
expect_output "--out"
expect_exit 0 "$SYMPTREE" --version
expect_output "symptree, version 0."
# Usage errors exit 64 (not 2, which is "the spec has errors") with the message and the help.
expect_exit 64 "$SYMPTREE" nosuch
expect_output "symptree: unknown command 'nosuch'"
expect_output "Usage:"
expect_exit 64 "$SYMPTREE" chek "$SPEC"
expect_output "unknown command 'chek'; did you mean 'check'?"
expect_exit 64 "$SYMPTREE" --promtool promtool nosuch
expect_output "unknown command 'nosuch'"
expect_exit 64 "$SYMPTREE"
expect_output "a command is required"
expect_output "Usage:"
expect_exit 64 "$SYMPTREE" compile
expect_output "specs is required"
expect_output "--check"  # the help of the command concerned
expect_exit 64 "$SYMPTREE" compile "$SPEC" --no-such-flag
expect_output "--no-such-flag"
pass "usage errors: exit 64, the message, then the help"
expect_exit 2 "$SYMPTREE" compile /nonexistent/spec.yaml -o "$WORK/out"
expect_output "/nonexistent/spec.yaml"
[ ! -e "$WORK/out" ] || fail "an error wrote output"
pass "a missing spec is a spec error (2)"

# The global flags work after the subcommand too: --no-promtool never runs the promtool it is given.
printf '#!/bin/sh\ntouch "%s/promtool-ran"\nexit 1\n' "$WORK" >"$WORK/marking-promtool" && chmod +x "$WORK/marking-promtool"
expect_exit 0 "$SYMPTREE" check "$SPEC" --promtool "$WORK/marking-promtool" --no-promtool
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/flag-out" --no-promtool --promtool "$WORK/marking-promtool"
[ ! -e "$WORK/promtool-ran" ] || fail "--no-promtool after the subcommand still ran promtool"
pass "global flags after the subcommand"

cp "$SPEC" "$WORK/spec.yaml" && chmod 000 "$WORK/spec.yaml"
if [ "$(id -u)" -ne 0 ]; then
  expect_exit 2 "$SYMPTREE" compile "$WORK/spec.yaml" -o "$WORK/out"
  expect_output "cannot read file"
fi
chmod 644 "$WORK/spec.yaml"

mkdir -p "$WORK/readonly" && touch "$WORK/readonly/file"
expect_exit 3 "$SYMPTREE" compile "$SPEC" -o "$WORK/readonly/file/out"
expect_output "cannot create"
pass "unwritable output"

# One output directory per service: a second service compiled over the first's
# outputs would remove every file of the first; it is refused, nothing changes.
expect_exit 0 "$SYMPTREE" --no-promtool compile "$SPEC" -o "$WORK/shared" -q
before=$(cd "$WORK/shared" && find . -type f | sort | xargs sha256sum)
expect_exit 3 "$SYMPTREE" --no-promtool compile "$SOURCE_DIR/flowchart-spec/examples/upstream-shapes.yaml" -o "$WORK/shared"
expect_output "holds the outputs of service 'stemedb'; compiling 'ledger' there would delete them"
[ "$(cd "$WORK/shared" && find . -type f | sort | xargs sha256sum)" == "$before" ] || fail "the first service's outputs changed"
expect_exit 0 "$SYMPTREE" --no-promtool compile "$SPEC" -o "$WORK/shared" -q
pass "a second service is refused over the first one's outputs; the same service recompiles"

# Counts on the command line: anything but a whole number of 1 or more is a
# usage error saying so (it was CLI11's "not in range 0.000000 to 1797...").
for bad in 0 -3 abc; do
  expect_exit 64 "$SYMPTREE" coverage "$SPEC" --no-run -j "$bad"
  expect_output "--jobs: must be a whole number of 1 or more, got '$bad'"
  grep -q "not in range" "$WORK/last.out" && fail "-j $bad: CLI11's range message"
done
expect_exit 64 "$SYMPTREE" --promtool-timeout 0 check "$SPEC"
expect_output "--promtool-timeout: must be a whole number of 1 or more, got '0'"
pass "-j and --promtool-timeout take whole numbers of 1 or more"

# A promtool named with --promtool must be there; one that is not is never
# skipped silently with an "ok".
expect_exit 64 "$SYMPTREE" --promtool /nonexistent/promtool check "$SPEC"
expect_output "symptree: --promtool /nonexistent/promtool: no such file"
expect_exit 64 "$SYMPTREE" compile "$SPEC" -o "$WORK/no-promtool-out" --promtool "$WORK"
expect_output "--promtool $WORK: not an executable file"
expect_exit 64 "$SYMPTREE" coverage "$SPEC" --promtool symptree-no-such-promtool
expect_output "--promtool symptree-no-such-promtool: not found on the PATH"
[ ! -e "$WORK/no-promtool-out" ] || fail "a usage error wrote output"
pass "a promtool named with --promtool that cannot run is a usage error naming it"

# promtool not installed (nor named): the check runs without it, and says so.
expect_exit 0 env PATH=/nonexistent "$SYMPTREE" check "$SPEC"
expect_output "stemedb.yaml: ok (conditions not parsed by promtool: promtool is not installed)"
grep -qE ': ok$' "$WORK/last.out" && fail "a plain ok without promtool"
expect_exit 0 "$SYMPTREE" check "$SPEC" --no-promtool
expect_output "stemedb.yaml: ok (conditions not parsed by promtool: --no-promtool)"
pass "a check without promtool says so on its ok line"

# A promtool that hangs is killed at the bound, and the run fails naming it.
printf '#!/bin/sh\nsleep 30\n' >"$WORK/hanging-promtool" && chmod +x "$WORK/hanging-promtool"
for command in check "compile -o $WORK/hang-out"; do
  started=$SECONDS
  # shellcheck disable=SC2086  # the command and its options
  expect_exit 2 "$SYMPTREE" --promtool "$WORK/hanging-promtool" --promtool-timeout 1 $command "$SPEC"
  expect_output "\`$WORK/hanging-promtool check rules\` did not finish within 1 s and was killed"
  grep -q ": ok" "$WORK/last.out" && fail "$command: ok after promtool was killed"
  [ $((SECONDS - started)) -lt 25 ] || fail "$command: the 1 s bound took $((SECONDS - started)) s"
done
[ ! -e "$WORK/hang-out" ] || fail "a compile whose promtool hung wrote output"
pass "a hanging promtool is killed at --promtool-timeout; check and compile fail naming it"

# compile replaces only files symptree wrote (its manifest lists them): a
# file of the same name written by someone else is refused, nothing written.
mkdir -p "$WORK/hand/docs" && echo "# our own notes" >"$WORK/hand/docs/flowchart.md"
# shellcheck disable=SC2016  # the inner shell expands them
expect_exit 3 bash -c 'cd "$1" && "$2" --no-promtool compile "$3" -o .' _ "$WORK/hand" "$(realpath "$SYMPTREE")" "$(realpath "$SPEC")"
expect_output "symptree: . holds a file that symptree did not write (there is no manifest.json) and this compile would replace: ./docs/flowchart.md. Choose an empty or new folder (-o), or move or remove that file (nothing was written)"
[ "$(cd "$WORK/hand" && find . -type f)" == "./docs/flowchart.md" ] || fail "a refused compile wrote files"
grep -qx "# our own notes" "$WORK/hand/docs/flowchart.md" || fail "the hand-written file changed"
# The same content as the compile writes is no conflict; twice into one folder and --check work as before.
expect_exit 0 "$SYMPTREE" --no-promtool compile "$SPEC" -o "$WORK/fresh" -q
mkdir -p "$WORK/same/docs" && cp "$WORK/fresh/docs/flowchart.md" "$WORK/same/docs/"
expect_exit 0 "$SYMPTREE" --no-promtool compile "$SPEC" -o "$WORK/same" -q
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/fresh" -q
expect_exit 0 "$SYMPTREE" compile --check "$SPEC" -o "$WORK/fresh"
# A config repo's tree: the same rule.
mkdir -p "$WORK/tree-hand/alertmanager" && echo "route: {receiver: ours}" >"$WORK/tree-hand/alertmanager/alertmanager.yml"
expect_exit 3 "$SYMPTREE" --no-promtool compile "$SOURCE_DIR/flowchart-spec" -o "$WORK/tree-hand"
expect_output "this compile would replace: $WORK/tree-hand/alertmanager/alertmanager.yml."
[ "$(cd "$WORK/tree-hand" && find . -type f)" == "./alertmanager/alertmanager.yml" ] || fail "a refused tree compile wrote files"
pass "a file compile did not write is never replaced (single spec and config repo); the same content is fine"
