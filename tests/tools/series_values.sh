# The `values` of example series against promtool: every string symptree
# accepts, promtool's test runner parses into the same number of steps, and
# every string symptree refuses (at its line) promtool refuses too. The strings
# cover each item of the notation (_, _xN, v, vxN, a+bxN, a-bxN, stale, Inf,
# NaN, exponents, signs) and the mistakes around them (hex, a repetition of
# Inf, a dangling x or sign, commas, 1e).
source "$(dirname "$0")/lib/common.bash"

candidates=(
  '1' '-1' '+1' '.5' '5.' '1.5e3' '1e+3x2' '2.5E-3' '1x3' '0x30' '0x00003' '0x0' '_' '_x3' '_x0'
  'stale' '1 _ stale' '1 2  3' ' 1' '0+60x20' '1-2x3' '-1+2x3' '+1x2' 'Inf' '+Inf' '-inf' 'NaN' 'nan'
  '1+2' '1x' '0x' '1+-2x3' '1--2x3' 'Infx2' 'nan x3' 'stalex3' 'Stale' '0X3' '1,2' '1x2.5' '1e' '1_000'
  '0xff' '0x1f' '_1' '_ x3' 'x3' '1+Infx2' 'abc' '1 2 ?'
)

# One spec reads every candidate as an example series of its own, each on a line of its own.
spec="$WORK/values.yaml"
{
  cat <<'EOF'
version: 1
service: values
runbooks: {base_url: https://runbooks.example.com/}
priorities:
  P1: {response: 1h, severity: critical, receiver: pager}
receivers:
  pager: {webhook: {url: http://127.0.0.1:9095/}}
app_metrics: [values_metric]
symptoms:
  - id: broken
    title: Broken
    priority: P1
    runbook: broken.md
    when: 'max by (host) (values_metric) > 1'
    examples:
      quiet: [{series: 'values_metric', values: '0x30'}]
      firing:
EOF
} >"$spec"
first_line=$(($(wc -l <"$spec") + 1))
for value in "${candidates[@]}"; do
  printf "        - {series: 'values_metric{n=\"x\"}', values: '%s'}\n" "$value" >>"$spec"
done
set +e
"$SYMPTREE" check "$spec" >"$WORK/check.out" 2>&1
set -e
refused_lines=$(grep -o "^$spec:[0-9]*:[0-9]*: error: 'values' is not promtool's series notation" "$WORK/check.out" |
  cut -d: -f2 | sort -u)

# promtool_steps VALUE: how many samples promtool's test runner reads from VALUE,
# counted over a window covering all of them; "refused" when it does not parse.
promtool_steps() {
  local value=$1 dir="$WORK/promtool"
  mkdir -p "$dir"
  cat >"$dir/t.yml" <<EOF
rule_files: []
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'm'
        values: '$value'
    promql_expr_test:
      - expr: count_over_time(m[1000m])
        eval_time: 999m
        exp_samples: [{labels: '{}', value: -1}]
EOF
  local out
  out=$(promtool test rules "$dir/t.yml" 2>&1 || true)
  if grep -q "parse error\|invalid" <<<"$out"; then
    echo refused
  elif grep -q "got: nil\|got: \[\]" <<<"$out"; then
    echo 0
  else
    grep -o 'got: {} [0-9.E+]*' <<<"$out" | awk '{printf "%d\n", $3}'
  fi
}

line=$first_line
accepted=0 refused=0
for value in "${candidates[@]}"; do
  ours=accepted
  grep -qx "$line" <<<"$refused_lines" && ours=refused
  theirs=$(promtool_steps "$value")
  if [ "$ours" = refused ]; then
    [ "$theirs" = refused ] || fail "symptree refuses '$value' (line $line), promtool reads $theirs samples"
    refused=$((refused + 1))
  else
    [ "$theirs" != refused ] || fail "symptree accepts '$value' (line $line), promtool refuses it"
    accepted=$((accepted + 1))
  fi
  line=$((line + 1))
done
[ "$accepted" -ge 20 ] && [ "$refused" -ge 15 ] || fail "too few of each kind: $accepted accepted, $refused refused"
pass "$accepted values strings accepted and $refused refused, each as promtool does"
