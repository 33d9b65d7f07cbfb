# flowchart-spec/examples/kubernetes-joins.yaml: join labels per subtree
# (namespace, namespace and pod, node, and a cluster fact) in one spec. It
# compiles; promtool accepts the rules and passes every generated test; amtool
# accepts the Alertmanager configuration, whose inhibitions are equal on the
# labels both alerts join on; the tests fail when a join or a record's
# grouping of the rules is changed; and the reality test
# (tests/reality/kubernetes.test.yml: series labelled as a real Prometheus
# stores kube-state-metrics' and cAdvisor's) passes against the generated rules.
source "$(dirname "$0")/lib/common.bash"
KUBE="$SOURCE_DIR/flowchart-spec/examples/kubernetes-joins.yaml"
compile_accepted "$KUBE" "$WORK/good"
rules="$WORK/good/prometheus/rules"
grep -q 'record: namespace_pod:flowchart_node:holds' "$rules"/*.yml || fail "no record named by [namespace, pod]"
grep -q 'record: node:flowchart_node:holds' "$rules"/*.yml || fail "no record named by [node]"
grep -Pzq 'equal:\n +- namespace\n +- pod\n' "$WORK/good/alertmanager/alertmanager.yml" || fail "no inhibition equal on [namespace, pod]"
pass "records named by their join sets, inhibitions equal on the shared labels"

# A pod cause joined to its namespace symptom on nothing fires beside another namespace's symptom.
mutate "pod cause joined on ()" '/alert: ShopAppPodCrashlooping$/,/for:/{s/^\( *\)and on (namespace)$/\1and on ()/}' \
  "alertname: ShopAppPodCrashlooping"
# A node cause joined on a label its series lack never meets the pod symptom's record.
mutate "node cause joined on namespace" '/alert: ShopAppNoSchedulableNode$/,/for:/{s/^\( *\)and on ()$/\1and on (namespace)/}' \
  "alertname: ShopAppNoSchedulableNode"
# A pod record grouped by namespace only loses the pod its causes join on.
mutate "pod record without pod" '0,/group by (namespace, pod)/{s/group by (namespace, pod)/group by (namespace)/}' \
  "namespace_pod:flowchart_node:holds"

expect_exit 0 reality_test "$WORK/good" kubernetes
pass "reality test: the alerts fire on series labelled as kube-state-metrics and cAdvisor label them"
