# Shared by the real-tool tests: arguments, a temp dir removed on exit, and
# small assertions that print what failed.
set -euo pipefail
BUILD_DIR=${1:?usage: $0 BUILD_DIR SOURCE_DIR}
SOURCE_DIR=${2:?usage: $0 BUILD_DIR SOURCE_DIR}
SYMPTREE="$BUILD_DIR/symptree"
SPEC="$SOURCE_DIR/flowchart-spec/stemedb.yaml"
# shellcheck source=tests/lib/loopback.bash
source "$SOURCE_DIR/tests/lib/loopback.bash"
WORK=$(mktemp -d /tmp/symptree-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# expect_exit CODE COMMAND...: runs the command, output to $WORK/last.out.
expect_exit() {
  local want=$1; shift
  local got=0
  "$@" >"$WORK/last.out" 2>&1 || got=$?
  [ "$got" -eq "$want" ] || { cat "$WORK/last.out" >&2; fail "'$*' exited $got, expected $want"; }
}

expect_output() {
  grep -qF -- "$1" "$WORK/last.out" || { cat "$WORK/last.out" >&2; fail "output lacks: $1"; }
}
