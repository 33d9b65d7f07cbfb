# A config repo compiled whole (flowchart-spec/: stemedb.yaml and ledger.yaml
# sharing paging.yaml): one Alertmanager config that amtool accepts, whose
# routes.test covers both services and holds for every line; every service's
# promtool tests pass; a change to one spec rewrites only its files and the
# shared ones; one exporter config per host role that the exporter accepts;
# clashes between services and mixed output folders are refused.
source "$(dirname "$0")/lib/common.bash"
REPO_SPECS="$SOURCE_DIR/flowchart-spec"
TREE="$WORK/tree"

expect_exit 0 "$SYMPTREE" compile "$REPO_SPECS" -o "$TREE"
expect_output "compiled 2 services"
expect_exit 0 amtool check-config "$TREE/alertmanager/alertmanager.yml"
expect_output "SUCCESS"
for service in ledger stemedb; do
  [ -d "$TREE/$service/prometheus/rules" ] || fail "no rules for $service"
  [ ! -e "$TREE/$service/alertmanager" ] || fail "$service has an Alertmanager folder of its own"
  alerts=$(cat "$TREE/$service"/prometheus/rules/*.yml | grep -c '^      - alert: ')
  lines=$(grep -c " flowchart_service=$service\b" "$TREE/alertmanager/routes.test")
  [ "$alerts" -eq "$lines" ] || fail "$service: $alerts alerts but $lines lines in routes.test"
done
pass "one alertmanager.yml for both services; routes.test has a line for each of their alerts"

checked=0
while read -r receivers labels; do
  case "$receivers" in '#'*|'') continue ;; esac
  # shellcheck disable=SC2086  # one argument per label
  amtool config routes test --config.file="$TREE/alertmanager/alertmanager.yml" --verify.receivers="$receivers" \
    $labels >"$WORK/route.out" 2>&1 || { cat "$WORK/route.out" >&2; fail "amtool routes $labels elsewhere than $receivers"; }
  checked=$((checked + 1))
done <"$TREE/alertmanager/routes.test"
pass "amtool config routes test: all $checked alerts of both services reach their receivers"

for service in ledger stemedb; do
  expect_exit 0 promtool check rules "$TREE/$service"/prometheus/rules/*.yml
  expect_exit 0 promtool test rules "$TREE/$service"/prometheus/tests/*.test.yml
done
pass "promtool: both services' rules load and their generated tests pass"

expect_exit 0 "$SYMPTREE" compile --check "$REPO_SPECS" -o "$TREE"
expect_output "is up to date"
pass "compile --check: the tree is current"

# On a host that runs both services, stemedb's process does not stand in for the ledger's:
# the ledger's absence alert for symptree_process_up fires while only stemedb-api is reported.
cat >"$WORK/shared-host.test.yml" <<YAML
rule_files: [$TREE/ledger/prometheus/rules/ledger.absence.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - {series: 'up{job="ledger", host="db-2", instance="db-2:8443"}', values: '1x20'}
      - {series: 'symptree_process_up{job="symptree-exporter", host="db-2", name="stemedb-api"}', values: '1x20'}
    promql_expr_test:
      - expr: count(ALERTS{alertname="LedgerMetricAbsent", metric="symptree_process_up", alertstate="firing"})
        eval_time: 15m
        exp_samples: [{labels: '{}', value: 1}]
YAML
expect_exit 0 promtool test rules "$WORK/shared-host.test.yml"
sed -i 's/name="stemedb-api"/name="ledger-api"/' "$WORK/shared-host.test.yml"
expect_exit 1 promtool test rules "$WORK/shared-host.test.yml"
pass "an absence alert counts its own service's probe only, not another service's on the same host"

# A stray file in the tree (Prometheus would load a rules file): --check names it.
echo "groups: []" >"$TREE/ledger/prometheus/rules/ledger.old.yml"
expect_exit 1 "$SYMPTREE" compile --check "$REPO_SPECS" -o "$TREE"
expect_output "ledger/prometheus/rules/ledger.old.yml (not written by symptree: remove it)"
rm "$TREE/ledger/prometheus/rules/ledger.old.yml"
pass "compile --check names a file in the tree that symptree did not write"

# Compiling some of the specs would delete the others' files: refused.
expect_exit 3 "$SYMPTREE" compile "$REPO_SPECS/stemedb.yaml" "$REPO_SPECS/paging.yaml" -o "$TREE"
expect_output "holds the outputs of service 'ledger', whose spec is still beside these but not among them"
expect_exit 3 "$SYMPTREE" compile --check "$REPO_SPECS/stemedb.yaml" "$REPO_SPECS/paging.yaml" -o "$TREE"
expect_exit 0 "$SYMPTREE" compile --check "$REPO_SPECS" -o "$TREE"
pass "compiling a subset of the specs over the tree is refused, with --check too"

# A change to one spec: its files and the shared ones change, the other service's are not rewritten.
cp -r "$REPO_SPECS" "$WORK/specs"
rm -rf "$WORK/specs/examples"
expect_exit 0 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/edit"
find "$WORK/edit" -type f -exec touch -d "2000-01-01" {} +
sed -i 's/> 600/> 900/' "$WORK/specs/ledger.yaml"
expect_exit 1 "$SYMPTREE" compile --check "$WORK/specs" -o "$WORK/edit"
expect_output "edit/ledger/prometheus/rules/ledger.outbox_stuck.yml (differs)"
expect_exit 0 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/edit"
changed=$(find "$WORK/edit" -type f -newermt "2000-01-02" | sed "s|$WORK/edit/||" | sort)
echo "$changed" | grep -q '^ledger/' || fail "the ledger's files were not rewritten"
echo "$changed" | grep '^stemedb/' && fail "stemedb's files were rewritten though its spec did not change"
echo "$changed" | grep -qx 'manifest.json' || fail "the manifest was not rewritten"
pass "a change to ledger.yaml rewrites only the ledger's files and the shared ones"

# A folder in the way of an output: nothing is replaced.
find "$WORK/edit" -type f -exec touch -d "2000-01-01" {} +
rm -r "$WORK/edit/stemedb/docs" && touch "$WORK/edit/stemedb/docs"
sed -i 's/> 900/> 1200/' "$WORK/specs/ledger.yaml"
expect_exit 3 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/edit"
expect_output "(nothing was replaced)"
changed=$(find "$WORK/edit" -type f -newermt "2000-01-02" ! -name docs)
[ -z "$changed" ] || fail "a failed write replaced files: $changed"
rm "$WORK/edit/stemedb/docs"
pass "an output folder that cannot be made stops the compile before any file is replaced"

# Hidden files are not specs; a link to nothing is an error, not a service silently gone.
cp "$WORK/specs/ledger.yaml" "$WORK/specs/.ledger.yaml.swp.yaml"
ln -s nowhere.yaml "$WORK/specs/kafka.yaml"
expect_exit 2 "$SYMPTREE" check "$WORK/specs"
expect_output "kafka.yaml: error: a link to nothing: nowhere.yaml"
rm "$WORK/specs/kafka.yaml"
expect_exit 0 "$SYMPTREE" check "$WORK/specs"
expect_output "ok, 2 services"
rm "$WORK/specs/.ledger.yaml.swp.yaml"
pass "a dangling link in the specs folder is an error; hidden files are not specs"

# A service whose spec is deleted goes, with its files.
mv "$WORK/specs/ledger.yaml" "$WORK/ledger.yaml.removed"
expect_exit 0 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/edit"
[ ! -e "$WORK/edit/ledger" ] || [ -z "$(find "$WORK/edit/ledger" -type f)" ] || fail "the deleted service's files stayed"
grep -q "flowchart_service=ledger" "$WORK/edit/alertmanager/routes.test" && fail "the deleted service is still routed"
mv "$WORK/ledger.yaml.removed" "$WORK/specs/ledger.yaml"
pass "deleting a spec drops its service from the tree"

# An Alertmanager merge file kept in the specs folder is not taken for a spec.
cat >"$WORK/specs/team-routes.yml" <<'YAML'
routes:
  - matchers: ['team="payments"']
    receiver: tickets
YAML
sed -i 's|^  version: "0.25" .*|  version: "0.25"\n  merge: team-routes.yml|' "$WORK/specs/paging.yaml"
grep -q "merge: team-routes.yml" "$WORK/specs/paging.yaml" || fail "the test's edit did not apply"
cat >>"$WORK/specs/ledger.yaml" <<'YAML'
labels: {team: payments}
YAML
expect_exit 0 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/merged"
expect_exit 0 amtool check-config "$WORK/merged/alertmanager/alertmanager.yml"
grep -q '^tickets alertname=LedgerApiDown .* team=payments$' "$WORK/merged/alertmanager/routes.test" ||
  fail "the ledger's team label does not reach the merged route"
expect_exit 0 amtool config routes test --config.file="$WORK/merged/alertmanager/alertmanager.yml" \
  --verify.receivers=tickets alertname=LedgerApiDown flowchart_service=ledger priority=P0 team=payments
pass "a merge file beside the specs is not a spec; a spec's team label is routed by the merged route"

# Hosts that run both services get one exporter config with both services' probes.
{ cat "$SOURCE_DIR/flowchart-spec/examples/deployment-ha.yaml"; } >>"$WORK/specs/stemedb.yaml"
{ echo "deployment:"  # the same Alertmanager peers as stemedb's
  sed -n '/^  alertmanagers:/,/^  hosts:/p' "$SOURCE_DIR/flowchart-spec/examples/deployment-ha.yaml" | grep -v '^  hosts:'
  cat <<'YAML'
  hosts:
    - {name: db-2, exporter: "10.0.0.12:9188", service: "10.0.0.12:8443"}
    - {name: app-1, exporter: "10.0.0.21:9188", service: "10.0.0.21:8443"}
YAML
} >>"$WORK/specs/ledger.yaml"
grep -q "name: am-3" "$WORK/specs/ledger.yaml" || fail "the test's copy of the peers did not apply"
expect_exit 0 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/roles"
for role in ledger ledger+stemedb stemedb; do
  [ -s "$WORK/roles/exporter/$role.yml" ] || fail "no exporter/$role.yml"
  expect_exit 0 "$BUILD_DIR/symptree-exporter" --config.file "$WORK/roles/exporter/$role.yml" --check-config
done
grep -q 'Hosts (exporter address): db-2 (10.0.0.12:9188)$' "$WORK/roles/exporter/ledger+stemedb.yml" || fail "db-2 runs both services"
grep -q '"ledger-api"' "$WORK/roles/exporter/ledger+stemedb.yml" || fail "the shared role lacks the ledger's process"
grep -q '"stemedb-api"' "$WORK/roles/exporter/ledger+stemedb.yml" || fail "the shared role lacks stemedb's process"
pass "exporter/<role>.yml per host role: both services' probes where hosts run both; symptree-exporter accepts each"
[ -s "$WORK/roles/alertmanager/cluster/am-2.env" ] || fail "the peers' flags are not at the top of the tree"
[ ! -e "$WORK/roles/stemedb/alertmanager" ] || fail "stemedb kept an Alertmanager folder"
sed -i '/name: am-3/d' "$WORK/specs/ledger.yaml"
expect_exit 2 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/roles"
expect_output "writes alertmanager/cluster/am-1.env unlike another service's"
pass "the Alertmanager peers' flags are written once at the top; services that list the peers differently are refused"

# Clashes are refused, nothing written.
cp "$WORK/specs/ledger.yaml" "$WORK/specs/ledger-copy.yaml"
expect_exit 2 "$SYMPTREE" compile "$WORK/specs" -o "$WORK/clash"
expect_output "ledger.yaml:6:10: error: service 'ledger' is also the service of"
[ "$(grep -c 'error:' "$WORK/last.out")" -eq 1 ] || { cat "$WORK/last.out" >&2; fail "the duplicate service is one error"; }
[ ! -e "$WORK/clash" ] || fail "a refused compile wrote $WORK/clash"
expect_exit 2 "$SYMPTREE" --no-promtool check --format github "$WORK/specs"
expect_output "::error file=$WORK/specs/ledger.yaml,line=6,col=10::service 'ledger' is also the service of"
rm "$WORK/specs/ledger-copy.yaml"
pass "two specs of one service: exit 2, both named, nothing written; check --format github says so"

# One output folder holds one kind of tree.
expect_exit 3 "$SYMPTREE" compile "$SPEC" -o "$TREE"
expect_output "holds the outputs of a config repo (ledger stemedb)"
expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/single"
expect_exit 3 "$SYMPTREE" compile "$REPO_SPECS" -o "$WORK/single"
expect_output "holds the outputs of service 'stemedb' alone"
expect_exit 0 "$SYMPTREE" compile --check "$REPO_SPECS" -o "$TREE"
pass "a single spec is not compiled over a config repo's tree, nor the repo over a single service's folder"

# explain and coverage read one service's spec: a folder is a usage error that says so.
expect_exit 64 "$SYMPTREE" explain LedgerApiDown "$REPO_SPECS"
expect_output "is a folder; explain and coverage read one service's spec"
expect_exit 0 "$SYMPTREE" explain LedgerApiDown "$REPO_SPECS/ledger.yaml"
pass "explain on a folder says to name one spec; on the ledger's spec it explains"
