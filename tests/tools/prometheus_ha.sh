# The HA example (flowchart-spec/stemedb.yaml with the `deployment:` section of
# flowchart-spec/examples/deployment-ha.yaml appended, as its comment tells users): promtool accepts
# every prometheus-<replica>.yml with the rules it loads, amtool accepts
# alertmanager.yml, the replica files differ only in the replica label, which
# alert_relabel_configs drops; two Alertmanagers started on 127.0.0.1 with the
# generated cluster flags form one cluster. The default spec writes none of it.
source "$(dirname "$0")/lib/common.bash"
HA_SPEC="$WORK/stemedb-ha.yaml"
cat "$SPEC_STANDALONE" "$SOURCE_DIR/flowchart-spec/examples/deployment-ha.yaml" >"$HA_SPEC"
command -v prometheus-alertmanager >/dev/null || fail "prometheus-alertmanager is not installed"
command -v jq >/dev/null || fail "jq is not installed (scripts/install-deps installs it)"
python3 -c 'import yaml' 2>/dev/null || fail "python3-yaml is not installed (scripts/install-deps installs it)"

# Without `deployment:` nothing new is written.
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/single"
[ -z "$(find "$WORK/single" -name 'prometheus*.yml' -o -name '*.env')" ] ||
  fail "the default spec has no deployment section, yet wrote $(find "$WORK/single" -name 'prometheus*.yml' -o -name '*.env')"
pass "no deployment: no prometheus.yml, no cluster flags"

expect_exit 0 "$SYMPTREE" compile "$HA_SPEC" -o "$WORK/ha"
OUT="$WORK/ha"
configs=("$OUT"/prometheus/prometheus-*.yml)
[ "${#configs[@]}" -eq 2 ] || fail "expected 2 replica files, got: ${configs[*]}"
for config in "${configs[@]}"; do
  expect_exit 0 promtool check config "$config"
  # rules/*.yml: every rule file of the folder, one per group, was loaded
  expect_output "SUCCESS: $(find "$OUT/prometheus/rules" -name '*.yml' | wc -l) rule files found"
  expect_output "rules found"
  pass "promtool check config $(basename "$config")"
done
expect_exit 0 amtool check-config "$OUT/alertmanager/alertmanager.yml"
pass "amtool check-config alertmanager.yml"

# The replica label: set differently in each file, dropped before alerting;
# nothing else differs.
python3 - "${configs[@]}" <<'EOF' || fail "the replica files are not as they should be"
import sys, yaml
configs = {path: yaml.safe_load(open(path)) for path in sys.argv[1:]}
texts = {path: open(path).read() for path in sys.argv[1:]}
replicas = set()
for path, config in configs.items():
    labels = config["global"]["external_labels"]
    replica = labels["replica"]
    replicas.add(replica)
    drops = [r for r in config["alerting"]["alert_relabel_configs"] if r.get("action") == "labeldrop"]
    assert drops and drops[0]["regex"] == "replica", f"{path}: replica label not dropped: {drops}"
    targets = config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    assert len(targets) == 3, f"{path}: sends to {targets}, expected every one of 3 peers"
    assert labels["cluster"] == "eu1", path
    normalised = texts[path].replace(replica, "REPLICA")
    texts[path] = normalised
assert len(replicas) == len(configs), f"replica labels are not distinct: {replicas}"
assert len(set(texts.values())) == 1, "the replica files differ in more than the replica label"
print("ok: replica labels", sorted(replicas), "differ and are dropped by alert_relabel_configs")
EOF

# Every Alertmanager peer's flags name the others.
for peer in 1 2 3; do
  env="$OUT/alertmanager/cluster/am-$peer.env"
  [ -f "$env" ] || fail "missing $env"
  # shellcheck disable=SC1090  # the generated file
  ARGS=$(. "$env" && echo "$ARGS")
  for other in 1 2 3; do
    if [ "$other" = "$peer" ]; then
      [[ "$ARGS" != *"--cluster.peer=10.0.0.$other:9094"* ]] || fail "am-$peer lists itself as a peer: $ARGS"
    else
      [[ "$ARGS" == *"--cluster.peer=10.0.0.$other:9094"* ]] || fail "am-$peer does not list am-$other: $ARGS"
    fi
  done
done
pass "each Alertmanager peer's ARGS list every other peer"

# A live cluster: the example's Alertmanagers moved to free ports on 127.0.0.1.
free_loopback_ports port0 port1 port2 port3 || fail "no free loopback ports"
ports=("$port0" "$port1" "$port2" "$port3")
awk -v p0="${ports[0]}" -v p1="${ports[1]}" -v p2="${ports[2]}" -v p3="${ports[3]}" '
  /^  alertmanagers:/ { print
    print "    - {name: am-a, address: \"127.0.0.1:" p0 "\", cluster: \"127.0.0.1:" p1 "\"}"
    print "    - {name: am-b, address: \"127.0.0.1:" p2 "\", cluster: \"127.0.0.1:" p3 "\"}"
    skip = 1; next }
  skip && /^  [a-z]/ { skip = 0 }
  !skip' "$HA_SPEC" >"$WORK/live.yaml"
expect_exit 0 "$SYMPTREE" compile "$WORK/live.yaml" -o "$WORK/live"
for peer in a b; do
  # shellcheck disable=SC1090  # the generated file
  ARGS=$(. "$WORK/live/alertmanager/cluster/am-$peer.env" && echo "$ARGS")
  # shellcheck disable=SC2086  # ARGS is a list of flags, split as systemd's $ARGS does
  prometheus-alertmanager $ARGS --config.file="$WORK/live/alertmanager/alertmanager.yml" \
    --storage.path="$WORK/am-$peer" >"$WORK/am-$peer.log" 2>&1 &
  pids+=($!)
done
peers_seen() { curl -sf "http://127.0.0.1:$1/api/v2/status" | jq -e '.cluster.peers | length == 2' >/dev/null; }
both_see_two() { peers_seen "${ports[0]}" && peers_seen "${ports[2]}"; }
if ! poll_until 30 both_see_two; then
  cat "$WORK"/am-*.log >&2
  fail "the two Alertmanagers started with the generated flags did not form a cluster"
fi
pass "two Alertmanagers started with the generated ARGS see each other as peers"
