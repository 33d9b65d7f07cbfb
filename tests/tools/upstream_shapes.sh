# flowchart-spec/examples/upstream-shapes.yaml: every condition in a shape
# public rule sets use (capital keywords, thresholds as expressions, percentages, time()
# arithmetic, rates, ratios, `unless`, OFFSET), no `examples` at all. It
# compiles with derived tests only; promtool accepts the rules and passes every
# generated test; amtool accepts the Alertmanager configuration; and the tests
# fail when a threshold, an operator or a window of the rules is changed.
source "$(dirname "$0")/lib/common.bash"
UPSTREAM="$SOURCE_DIR/flowchart-spec/examples/upstream-shapes.yaml"
grep -q '^ *examples:' "$UPSTREAM" && fail "upstream-shapes.yaml must derive every test, without examples"
compile_accepted "$UPSTREAM" "$WORK/good"

mutate "ratio threshold (25 / 100) -> (26 / 100)" 's|> ( 25 / 100 )|> ( 26 / 100 )|' LedgerPaymentsFailing
mutate "certificate 7 days -> 8 days" 's/time() < 7 \* 86400/time() < 8 * 86400/' LedgerCertificateExpiring
mutate "pool percentage 90 -> 95" 's|ledger_db_connections_max \* 100 > 90|ledger_db_connections_max * 100 > 95|' LedgerPoolExhausted
mutate "increase > 50 -> > 51" 's/\[10m\]) > 50/[10m]) > 51/' LedgerDbRetries
mutate "deriv > 2 -> > 1" 's/\[15m\]) > 2/[15m]) > 1/' LedgerQueueGrowing
mutate "settlement 26h -> 25h" 's/> 26 \* 3600/> 25 * 3600/' LedgerSettlementStalled
mutate "unless dropped" 's/ UNLESS ledger_maintenance_mode == 1//' LedgerWorkerRestarting
mutate "AND ON (host) side dropped" 's/ AND ON (host) ledger_workers_busy_ratio > 0.9//' LedgerQueueBacklog
mutate "absent job ledger -> ledger-api" 's/absent(up{job="ledger"})/absent(up{job="ledger-api"})/' LedgerTargetUnscraped
# The descriptions' templates: the tests assert the text as rendered, so a
# function changed in a rule's template fails them.
mutate "description humanizePercentage -> humanize" 's/\$value | humanizePercentage/$value | humanize/' LedgerPaymentsFailing
mutate "description humanizeDuration -> humanize" 's/expires in {{ \$value | humanizeDuration }}/expires in {{ $value | humanize }}/' LedgerCertificateExpiring
