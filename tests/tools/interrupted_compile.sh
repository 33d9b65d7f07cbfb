# A compile interrupted by SIGTERM (`timeout`) removes its staging folder and
# leaves the output folder as it was, exit 143; a staging folder a killed
# compile left (its pid gone) is removed by the next compile, one of a
# running process is not.
source "$(dirname "$0")/lib/common.bash"
"$BUILD_DIR/bench/symptree-synthetic-spec" 100 >"$WORK/small.yaml"
"$BUILD_DIR/bench/symptree-synthetic-spec" 10000 >"$WORK/big.yaml"  # about 1 s to compile on an idle machine
expect_exit 0 "$SYMPTREE" --no-promtool compile "$WORK/small.yaml" -o "$WORK/out" -q
snapshot() { (cd "$WORK/out" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(snapshot)

# The first file in a staging folder of process $1 beside out/ ("" until there is one).
staged_file() {
  local folder
  for folder in "$WORK"/.out.staging-"$1"-*; do
    [ -d "$folder" ] && find "$folder" -type f -print -quit
  done
}

"$SYMPTREE" --no-promtool compile "$WORK/big.yaml" -o "$WORK/out" -q 2>"$WORK/interrupted.err" &
compile=$!
pids+=("$compile")
# Wait, bounded, until the staging folder holds a file (the partial rules and tests the bug left).
deadline=$((SECONDS + 120))
until [ -n "$(staged_file "$compile")" ]; do
  kill -0 "$compile" 2>/dev/null || fail "the compile ended before its staging folder held a file"
  [ "$SECONDS" -lt "$deadline" ] || fail "no staged file within 120 s"
  sleep 0.02  # the polling interval
done
kill -TERM "$compile"
status=0
wait "$compile" || status=$?
pids=()  # reaped: its pid is free for others
leftover=$(find "$WORK" -maxdepth 1 -name '.out.staging-*')
[ -z "$leftover" ] || fail "staging folder left after SIGTERM: $leftover"
[ "$(snapshot)" == "$before" ] || fail "the output folder changed"
# 143 either way (a shell reports death by SIGTERM so too), but it exits, after saying why.
[ "$status" -eq 143 ] || { cat "$WORK/interrupted.err" >&2; fail "exit $status after SIGTERM, expected 143"; }
grep -qx "symptree: interrupted by SIGTERM; nothing was written" "$WORK/interrupted.err" ||
  { cat "$WORK/interrupted.err" >&2; fail "no message"; }
pass "SIGTERM mid-compile: exit 143, staging folder removed, output folder untouched"

# A staging folder of a compile killed outright (SIGKILL, a crash): its pid is gone.
true &
dead=$!
wait "$dead"
mkdir -p "$WORK/.out.staging-$dead-0/prometheus/rules" "$WORK/.out.staging-$$-0/prometheus/rules"
echo "groups: [partial" >"$WORK/.out.staging-$dead-0/prometheus/rules/partial.yml"
echo "groups: [running" >"$WORK/.out.staging-$$-0/prometheus/rules/running.yml"  # this script's pid: alive
expect_exit 0 "$SYMPTREE" --no-promtool compile "$WORK/small.yaml" -o "$WORK/out" -q
[ ! -e "$WORK/.out.staging-$dead-0" ] || fail "the dead compile's staging folder is still there"
[ -e "$WORK/.out.staging-$$-0/prometheus/rules/running.yml" ] || fail "a live process's staging folder was removed"
pass "a compile removes the staging folder a dead compile left, and not a live process's"
