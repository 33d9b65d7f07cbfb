# The command line: help, version, usage errors and unreadable input.
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
