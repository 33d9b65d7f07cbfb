# Rules that join their parent's record give exactly the alerts (names, labels,
# states) and holds records of the rules that repeat every ancestor's
# condition (compile --inline-paths), on the same random series, at every
# evaluation step of one promtool run; the comparison is not empty (the
# series make alerts fire) and it can fail: with each group's records moved
# after its alerts (a rule reading a record one evaluation late) it does.
# Specs: the default one (depth 2, a cluster-scoped section), a depth-5 chain,
# and flowchart-spec/examples/kubernetes-joins.yaml (join labels per subtree:
# records of three join sets, links on shared labels and on ()).
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

# equivalent NAME SPEC MIN_FIRED: both forms of SPEC compared over 80 steps, three seeds;
# at least MIN_FIRED alerts must fire on the series of each.
equivalent() {
  local name=$1 spec=$2 seed
  expect_exit 0 "$SYMPTREE" --no-promtool compile "$spec" -o "$WORK/$name-joined" -q
  expect_exit 0 "$SYMPTREE" --no-promtool compile --inline-paths "$spec" -o "$WORK/$name-inline" -q
  grep -q ':flowchart_node:holds{' "$WORK/$name-joined"/prometheus/rules/*.yml ||
    fail "$name: the joined rules read no record"
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
}

equivalent stemedb "$SPEC" 12
equivalent deep "$WORK/deep.yaml" 4
equivalent kube "$SOURCE_DIR/flowchart-spec/examples/kubernetes-joins.yaml" 4
