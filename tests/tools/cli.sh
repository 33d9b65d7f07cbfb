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
