# Shared by the real-tool tests: arguments, a temp dir removed on exit, the
# background processes they start stopped by pid, and small assertions that
# print what failed.
set -euo pipefail
BUILD_DIR=${1:?usage: $0 BUILD_DIR SOURCE_DIR}
SOURCE_DIR=${2:?usage: $0 BUILD_DIR SOURCE_DIR}
SYMPTREE="$BUILD_DIR/symptree"
SPEC="$SOURCE_DIR/flowchart-spec/stemedb.yaml"
# shellcheck source=tests/lib/loopback.bash
source "$SOURCE_DIR/tests/lib/loopback.bash"
WORK=$(mktemp -d /tmp/symptree-test.XXXXXX)
# shellcheck source=tests/lib/spec.bash
source "$SOURCE_DIR/tests/lib/spec.bash"
# The default spec as one file, its `include:` written in place: for tests that copy or edit it.
SPEC_STANDALONE="$WORK/standalone/stemedb.yaml"
mkdir -p "$WORK/standalone"
standalone_spec "$SPEC" >"$SPEC_STANDALONE"
# Background processes a test starts (pids+=($!)) are stopped by pid on exit.
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

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

# reality_test OUT NAME: runs the hand-written tests/reality/NAME.test.yml
# against the rules an example compiled into OUT (it loads ../rules/*.yml
# from OUT/prometheus/tests/).
reality_test() {
  cp "$SOURCE_DIR/tests/reality/$2.test.yml" "$1/prometheus/tests/reality.test.yml"
  promtool test rules "$1/prometheus/tests/reality.test.yml"
}

# mutate NAME SED_EXPRESSION EXPECTED: a copy of $WORK/good with the expression
# applied to its rule files (each rule is in one of them) must fail its
# generated tests, naming EXPECTED (an alert name, or any text of promtool's
# report such as "alertname: X"); a mutation that changes nothing fails too.
mutate() {
  local name=$1 expression=$2 expected=$3
  [[ $expected == *:* ]] || expected="alertname: $expected"
  rm -rf "$WORK/bad" && cp -r "$WORK/good" "$WORK/bad"
  sed -i "$expression" "$WORK"/bad/prometheus/rules/*.yml
  diff -rq "$WORK/good/prometheus/rules" "$WORK/bad/prometheus/rules" >/dev/null && fail "$name: the mutation changed nothing"
  expect_exit 1 promtool test rules "$WORK"/bad/prometheus/tests/*.test.yml
  expect_output "$expected"
  pass "$name breaks the tests ($expected)"
}

# compile_accepted SPEC OUT: compiles SPEC into OUT, and the real tools accept
# the output: promtool check rules, every generated test passes, amtool
# check-config.
compile_accepted() {
  expect_exit 0 "$SYMPTREE" compile "$1" -o "$2"
  expect_exit 0 promtool check rules "$2"/prometheus/rules/*.yml
  pass "promtool check rules"
  expect_exit 0 promtool test rules "$2"/prometheus/tests/*.test.yml
  expect_output "SUCCESS"
  pass "promtool test rules: every generated test passes"
  expect_exit 0 amtool check-config "$2/alertmanager/alertmanager.yml"
  pass "amtool check-config"
}
