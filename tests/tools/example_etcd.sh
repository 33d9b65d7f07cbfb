# flowchart-spec/examples/etcd.yaml, an etcd cluster tree with cluster-wide
# facts (scope: cluster), histogram quantiles tested from examples whose
# `value` the descriptions show, and symptree-exporter's disk probe. It
# compiles; promtool accepts the rules and passes every generated test; amtool
# accepts the Alertmanager configuration; and the reality test
# (tests/reality/etcd.test.yml: series labelled as a real Prometheus stores
# etcd's and the exporter's) passes against the generated rules.
source "$(dirname "$0")/lib/common.bash"
ETCD="$SOURCE_DIR/flowchart-spec/examples/etcd.yaml"
compile_accepted "$ETCD" "$WORK/etcd"
expect_exit 0 reality_test "$WORK/etcd" etcd
pass "reality test: the alerts fire on series labelled as etcd and the exporter label them"
