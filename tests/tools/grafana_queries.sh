# Every query of the generated dashboard (panel targets and the ALERTS
# annotation), with its variables set as Grafana sends them for "All", parses
# with Prometheus's own parser: written as recording rules to a scratch file
# and checked with `promtool check rules`. A broken query would fail.
source "$(dirname "$0")/lib/common.bash"

# queries_as_rules DASHBOARD RULES: one recording rule per query.
queries_as_rules() {
  node -e '
    const fs = require("fs");
    const d = JSON.parse(fs.readFileSync(process.argv[1]));
    const all = (q) => q.replace(/\$\{?(host|zone|job|instance)\}?/g, ".*");
    const exprs = [];
    for (const p of d.panels) for (const t of p.targets || []) exprs.push(t.expr);
    for (const a of d.annotations.list) if (a.target && a.target.expr) exprs.push(a.target.expr);
    const rules = exprs.map((expr, i) => ({record: "dashboard_query_" + i, expr: all(expr)}));
    fs.writeFileSync(process.argv[2], JSON.stringify({groups: [{name: "dashboard", rules}]}, null, 2));
    console.log(rules.length + " queries");' "$1" "$2"
}

expect_exit 0 "$SYMPTREE" compile "$SPEC" -o "$WORK/out" -q
dashboard="$WORK/out/grafana/stemedb-flowchart.json"
expect_exit 0 queries_as_rules "$dashboard" "$WORK/queries.json"
expect_output "27 queries"
expect_exit 0 promtool check rules "$WORK/queries.json"
expect_output "SUCCESS: 27 rules found"
pass "every dashboard query parses with promtool"

node -e 'const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1]));
         d.panels.find(p => p.type === "timeseries").targets[0].expr += " >";
         fs.writeFileSync(process.argv[2], JSON.stringify(d));' "$dashboard" "$WORK/broken.json"
expect_exit 0 queries_as_rules "$WORK/broken.json" "$WORK/broken-queries.json"
expect_exit 1 promtool check rules "$WORK/broken-queries.json"
expect_output "could not parse expression"
pass "a broken query fails the check"

# Keywords in capitals (`MAX BY`, `AND ON`, `UNLESS`, `OFFSET`), as public rule sets write them.
expect_exit 0 "$SYMPTREE" compile "$SOURCE_DIR/flowchart-spec/examples/upstream-shapes.yaml" -o "$WORK/upstream" -q
expect_exit 0 queries_as_rules "$(ls "$WORK"/upstream/grafana/*-flowchart.json)" "$WORK/upstream-queries.json"
expect_exit 0 promtool check rules "$WORK/upstream-queries.json"
expect_output "SUCCESS"
pass "the dashboard of a spec with keywords in capitals parses with promtool"

# A config repo's overview: each service's top-row queries, its variables fixed.
expect_exit 0 "$SYMPTREE" compile "$SOURCE_DIR/flowchart-spec" -o "$WORK/repo" -q
expect_exit 0 queries_as_rules "$WORK/repo/grafana/overview.json" "$WORK/overview-queries.json"
expect_output "4 queries"
expect_exit 0 promtool check rules "$WORK/overview-queries.json"
expect_output "SUCCESS: 4 rules found"
pass "the overview dashboard's queries parse with promtool"
