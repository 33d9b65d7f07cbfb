# Rules that join their parent's record give exactly the alerts (names, labels,
# states) and holds records of the rules that repeat every ancestor's
# condition (compile --inline-paths), on the same random series, at every
# evaluation step of one promtool run; the comparison is not empty (the
# series make alerts fire) and it can fail: with each group's records moved
# after its alerts (a rule reading a record one evaluation late) it does.
# Specs: the default one (depth 2, a cluster-scoped section), a depth-5 chain,
# flowchart-spec/examples/kubernetes-joins.yaml (join labels per subtree:
# records of three join sets, links on shared labels and on ()), and a section
# of 14 alerting nodes split into two rule groups of at most 20 rules, whose
# second group states inline the paths of the nodes whose parents are in the
# first (tests/tools/lib/rule_groups.py checks no rule reads a record of
# another group; promtool runs the generated tests of the split groups).
source "$(dirname "$0")/lib/common.bash"
EQUIV="$SOURCE_DIR/tests/tools/lib/rules_equivalence.py"
python3 -c 'import yaml' 2>/dev/null || fail "python3-yaml is not installed (scripts/install-deps installs it)"

cat >"$WORK/deep.yaml" <<'SPEC'
version: 1
service: deep
runbooks: {base_url: "https://runbooks.example.com/deep"}
priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
receivers:
  pager: {webhook: {url: "http://127.0.0.1:9095/"}}
app_metrics: [deep_l0, deep_l1, deep_l2, deep_l3, deep_l4, deep_side]
symptoms:
  - id: l0
    title: Level 0
    priority: P0
    when: 'deep_l0 > 1'
    runbook: runbooks/deep.md
    causes:
      - id: l1
        title: Level 1
        when: 'deep_l1 >= 0.5'
        for: 2m
        runbook: runbooks/deep.md
        causes:
          - id: l2
            title: Level 2
            when: 'deep_l2 < 3'
            for: 0s
            runbook: runbooks/deep.md
            causes:
              - id: side
                title: Side branch
                when: 'deep_side == 1'
                runbook: runbooks/deep.md
              - id: l3
                title: Level 3
                when: 'deep_l3 > 10'
                runbook: runbooks/deep.md
                causes:
                  - id: l4
                    title: Level 4
                    when: 'deep_l4 > 0'
                    for: 3m
                    runbook: runbooks/deep.md
SPEC

# wide: s, c0..c7 and c8 fill the first group (ten nodes, twenty rules); c9 (under
# c8) and c11 (under s) start the second, inline; c10 and c12 join their records there.
wide_cause() { # ID LEVEL [causes:]
  local at
  at=$(printf '%*s' $((6 + 4 * $2)) '')
  printf '%s- id: %s\n%s  title: Cause %s\n%s  when: '"'"'wide_%s > %s'"'"'\n%s  runbook: runbooks/wide.md\n' \
    "$at" "$1" "$at" "$1" "$at" "$1" "$2" "$at"
  [ -z "${3:-}" ] || printf '%s  causes:\n' "$at"
}
{
  cat <<'SPEC'
version: 1
service: wide
runbooks: {base_url: "https://runbooks.example.com/wide"}
priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
receivers:
  pager: {webhook: {url: "http://127.0.0.1:9095/"}}
app_metrics: [wide_s, wide_c0, wide_c1, wide_c2, wide_c3, wide_c4, wide_c5, wide_c6, wide_c7, wide_c8, wide_c9, wide_c10, wide_c11, wide_c12]
symptoms:
  - id: s
    title: Symptom
    priority: P0
    when: 'wide_s > 1'
    runbook: runbooks/wide.md
    causes:
SPEC
  for i in 0 1 2 3 4 5 6 7; do wide_cause "c$i" 0; done
  wide_cause c8 0 causes
  wide_cause c9 1 causes
  wide_cause c10 2
  wide_cause c11 0 causes
  wide_cause c12 1
} >"$WORK/wide.yaml"

# equivalent NAME SPEC MIN_FIRED: both forms of SPEC compared over 80 steps, three seeds;
# at least MIN_FIRED alerts must fire on the series of each.
equivalent() {
  local name=$1 spec=$2 seed
  expect_exit 0 "$SYMPTREE" --no-promtool compile "$spec" -o "$WORK/$name-joined" -q
  expect_exit 0 "$SYMPTREE" --no-promtool compile --inline-paths "$spec" -o "$WORK/$name-inline" -q
  grep -q ':flowchart_node:holds{' "$WORK/$name-joined"/prometheus/rules/*.yml ||
    fail "$name: the joined rules read no record"
  expect_exit 0 python3 "$SOURCE_DIR/tests/tools/lib/rule_groups.py" "$WORK/$name-joined" 20
  pass "$name: $(cat "$WORK/last.out"): none over 20, none reading another group's record"
  ! grep -q ':flowchart_node:holds{' "$WORK/$name-inline"/prometheus/rules/*.yml ||
    fail "$name: the inline rules read a record"
  for seed in 1 2 3; do
    rm -rf "$WORK/eq" && mkdir "$WORK/eq"
    expect_exit 0 python3 "$EQUIV" "$WORK/$name-joined" "$WORK/$name-inline" "$WORK/eq" "$seed" 80
    expect_exit 0 promtool test rules "$WORK/eq/equivalence.test.yml"
    expect_output "SUCCESS"
    expect_exit 1 promtool test rules "$WORK/eq/fired.test.yml"
    local fired
    fired=$(grep -o 'flowchart_node="[a-z0-9_]*"' "$WORK/last.out" | sort -u | wc -l)
    [ "$fired" -ge "$3" ] || fail "$name seed $seed: only $fired alerts fired on the random series, expected $3 or more"
    pass "$name, seed $seed: joined and inline rules agree on every alert and record at 80 steps ($fired alerts fired)"
  done
  rm -rf "$WORK/eq" && mkdir "$WORK/eq"
  expect_exit 0 python3 "$EQUIV" "$WORK/$name-joined" "$WORK/$name-inline" "$WORK/eq" 1 80 --records-last
  expect_exit 1 promtool test rules "$WORK/eq/equivalence.test.yml"
  pass "$name: with the records after the alerts the comparison fails (the order within a group matters)"
  mkdir -p "$WORK/eq/out/prometheus/rules" && cp "$WORK/eq/joined.yml" "$WORK/eq/out/prometheus/rules/"
  expect_exit 1 python3 "$SOURCE_DIR/tests/tools/lib/rule_groups.py" "$WORK/eq/out" 20
  expect_output "reads the record of"
  pass "$name: rule_groups.py finds the alerts reading records written below them"
}

equivalent stemedb "$SPEC" 12
equivalent deep "$WORK/deep.yaml" 4
equivalent kube "$SOURCE_DIR/flowchart-spec/examples/kubernetes-joins.yaml" 4
equivalent wide "$WORK/wide.yaml" 12

# The split section: two groups, its tests pass in promtool (the second group's
# file loads the first's too: a case asserts the symptom's alert), and the
# group check counts (a limit of 10 fails it).
expect_exit 0 promtool check rules "$WORK/wide-joined"/prometheus/rules/*.yml
[ -f "$WORK/wide-joined/prometheus/rules/wide.s.2.yml" ] || fail "wide: the section was not split"
grep -q ':flowchart_node:holds{' "$WORK/wide-joined/prometheus/rules/wide.s.2.yml" ||
  fail "wide: the second group reads none of its own records"
expect_exit 0 promtool test rules "$WORK/wide-joined"/prometheus/tests/*.test.yml
expect_output "SUCCESS"
! grep -q FAILED "$WORK/last.out" || fail "wide: a test file failed"
pass "wide: promtool passes every generated test of the split section"
expect_exit 1 python3 "$SOURCE_DIR/tests/tools/lib/rule_groups.py" "$WORK/wide-joined" 10
expect_output "wide.s: 20 rules, more than 10"
pass "wide: rule_groups.py counts the rules of a group"
