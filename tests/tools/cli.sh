# The command line: help, version, usage errors and unreadable input.
source "$(dirname "$0")/lib/common.bash"
expect_exit 0 "$SYMPTREE" --help
expect_output "compile"
expect_output "Exit codes"
expect_exit 0 "$SYMPTREE" compile --help
expect_output "--check"
expect_exit 0 "$SYMPTREE" --version
expect_output "symptree 0."
expect_exit 2 "$SYMPTREE" frobnicate
expect_exit 2 "$SYMPTREE"
expect_exit 2 "$SYMPTREE" compile /nonexistent/spec.yaml -o "$WORK/out"
expect_output "/nonexistent/spec.yaml"
[ ! -e "$WORK/out" ] || fail "an error wrote output"
pass "usage errors"

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
