# Every generated dashboard type-checks against @grafana/schema (written as a
# TypeScript object literal of tests/grafana/dashboard_type.ts's CheckedDashboard,
# so unknown fields are errors), and a misspelled panel field, an unknown enum
# value and a wrong type each fail the check.
source "$(dirname "$0")/lib/common.bash"
GRAFANA_DIR="$SOURCE_DIR/tests/grafana"
TSC="$GRAFANA_DIR/node_modules/.bin/tsc"
[ -x "$TSC" ] || fail "$TSC is missing: run scripts/install-deps (npm ci in tests/grafana)"

# check_dashboards DIR JSON...: writes each dashboard as DIR/<n>.ts and runs tsc there.
check_dashboards() {
  local dir=$1; shift
  mkdir -p "$dir"
  printf '{"extends": "%s/tsconfig.json", "include": ["./*.ts"]}\n' "$GRAFANA_DIR" > "$dir/tsconfig.json"
  local n=0 json
  for json in "$@"; do
    n=$((n + 1))
    { echo "import type { CheckedDashboard } from '$GRAFANA_DIR/dashboard_type';"
      echo "// $json"
      printf 'export const dashboard: CheckedDashboard = '
      cat "$json"
      echo ';'; } > "$dir/dashboard$n.ts"
  done
  "$TSC" -p "$dir"
}

# mutate IN OUT JS: applies the JavaScript statement JS to the dashboard `d`.
mutate() {
  node -e 'const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1]));
           eval(process.argv[3]); fs.writeFileSync(process.argv[2], JSON.stringify(d, null, 2));' "$1" "$2" "$3"
}

expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/out" -q
# A second spec: two join labels (which cluster-scoped conditions aggregate away) and no Grafana URL.
# Host-scoped conditions keep both join labels: `by (host` and `on (host` gain zone.
sed -e 's/^join_on: \[host\]/join_on: [host, zone]/' -e 's/without (host, instance)/without (host, zone, instance)/' \
  -e 's/by (host/by (host, zone/g' -e 's/on (host)/on (host, zone)/g' \
  -e '/^grafana:/,/^  url:/d' "$SPEC_STANDALONE" > "$WORK/zones.yaml"
expect_exit 0 "$SYMPTREE" compile "$WORK/zones.yaml" -o "$WORK/zones" -q
# A config repo's tree: its overview dashboard and each service's.
expect_exit 0 "$SYMPTREE" compile "$SOURCE_DIR/flowchart-spec" -o "$WORK/repo" -q
dashboards=("$WORK"/out/grafana/*.json "$WORK"/zones/grafana/*.json "$WORK"/repo/grafana/overview.json
            "$WORK"/repo/ledger/grafana/*.json)
[ -d "$SOURCE_DIR/out/grafana" ] && dashboards+=("$SOURCE_DIR"/out/grafana/*.json)
[ ${#dashboards[@]} -ge 2 ] || fail "no dashboards generated"
expect_exit 0 check_dashboards "$WORK/ts" "${dashboards[@]}"
pass "${#dashboards[@]} dashboards type-check against @grafana/schema"

first_panel='d.panels.find(p => p.type === "timeseries")'
mutate "${dashboards[0]}" "$WORK/misspelled.json" \
  "const p = $first_panel; p.descripton = p.description; delete p.description;"
expect_exit 1 check_dashboards "$WORK/ts-misspelled" "$WORK/misspelled.json"
expect_output "descripton\"' does not exist in type"
pass "a misspelled panel field fails"

mutate "${dashboards[0]}" "$WORK/enum.json" "$first_panel.fieldConfig.defaults.thresholds.mode = 'absolut';"
expect_exit 1 check_dashboards "$WORK/ts-enum" "$WORK/enum.json"
expect_output "Type '\"absolut\"' is not assignable to type '\"absolute\" | \"percentage\"'"
pass "an unknown enum value fails"

mutate "${dashboards[0]}" "$WORK/type.json" "$first_panel.gridPos.h = '8';"
expect_exit 1 check_dashboards "$WORK/ts-type" "$WORK/type.json"
expect_output "not assignable to type 'number'"
pass "a string where the schema wants a number fails"
