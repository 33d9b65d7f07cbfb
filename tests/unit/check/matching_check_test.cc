// Tests for generator/check/matching_check: a vector matching on a label one
// side always has and the other never does is an error at its clause.
#include "generator/check/matching_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// A pod symptom joined on namespace and pod, and a cause reading two sources, `when` its condition.
std::string spec_with(const std::string& when) {
  return pod_restarts_spec(
      "  - {name: ksm, job: kube-state-metrics, labels: [namespace, pod, container], prefixes: [kube_]}\n"
      "  - {name: kubelet, job: kubelet, labels: [namespace, pod], prefixes: [kubelet_]}\n",
      "    join_on: [namespace, pod]\n", when);
}

}  // namespace

TEST_CASE("on (...) a label the other side's source does not list: an error at the clause") {
  std::string when = "kube_container_restarts{container=\"app\"} > 2 and on (namespace, pod, container) kubelet_oom == 1";
  expect_compile_error(spec_with(when), "on (namespace, pod, container)",
               "the right side of `and` has no 'container', which every series of the left side has: on (...) matches "
               "nothing, so 'oom' never holds",
               "remove 'container' from on (...)");
  // The other way round, the label listed by the source but not selected: named in on (...), still an error.
  expect_compile_error(spec_with("kubelet_oom > 0 and on (pod, container) kube_container_restarts > 2"), "on (pod, container)",
               "the left side of `and` has no 'container', which series of the right side may carry: on (...) matches "
               "only those without it");
}

TEST_CASE("without on (...), every label but the ignored ones must be on both sides") {
  expect_compile_error(spec_with("kube_container_restarts{container=\"app\"} > 2 unless kubelet_oom == 1"), "unless",
               "the right side of `unless` has no 'container'", "add 'container' to ignoring (...)");
  // A label the source lists may be missing from one metric's series: matching on all labels is then fine.
  CHECK(compile_errors(spec_with("kube_container_restarts > 2 unless ignoring (job, instance) kubelet_oom == 1")) == "");
  CHECK(compile_errors(spec_with("kube_container_restarts > 2 unless ignoring (container, job, instance) kubelet_oom == 1")) == "");
}

TEST_CASE("a matching both sides can meet is fine") {
  CHECK(compile_errors(spec_with("kube_container_restarts > 2 and on (namespace, pod) kubelet_oom == 1")) == "");
  CHECK(compile_errors(spec_with("kube_container_restarts > 2 and on (namespace, pod, container) kube_oom == 1")) == "");
  CHECK(compile_errors(spec_with("kubelet_oom > 2 or kube_container_restarts > 1")) == "");  // `or` matches nothing
  CHECK(compile_errors(spec_with("kubelet_oom > 2 and on () kube_container_restarts > 1")) == "");
}

namespace {

// A host symptom reading `when` over two scrape jobs, redis-exporter
// (redis_*) and node-exporter (node_*), besides the service (app metric
// shop_queue_depth) and symptree-exporter (a filesystem probe).
std::string two_jobs_with(const std::string& when) {
  return R"(version: 1
service: shop
join_on: [host]
runbooks: {base_url: "https://runbooks.example.com/shop"}
priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
receivers:
  pager: {pagerduty: {routing_key_file: /etc/am/pd}}
host:
  filesystems: [{name: data, path: /var/lib/shop}]
app_metrics: [shop_queue_depth]
sources:
  - {name: redis, job: redis-exporter, labels: [host], prefixes: [redis_]}
  - {name: node, job: node-exporter, labels: [host], prefixes: [node_]}
symptoms:
  - id: redis_down
    title: Redis down
    priority: P0
    when: ')" + when + R"('
    runbook: r.md
)";
}

// The errors of check_matchings alone on two_jobs_with(when) (other checks
// refuse some accepted shapes for lack of `examples:`).
std::string matching_errors(const std::string& when) { return checked(two_jobs_with(when), check_matchings); }

}  // namespace

TEST_CASE("a matching of two scrape jobs on all labels: an error at the operator naming both jobs") {
  expect_compile_error(two_jobs_with("redis_up == 0 and node_load1 > 10"), "and node_load1",
                       "`and` compares 'job' and 'instance', but the left side of `and` comes from job 'redis-exporter' and "
                       "the right side from job 'node-exporter': series of two scrape jobs never share them, so `and` "
                       "matches nothing and 'redis_down' never holds",
                       "match on the join labels both sides carry: `and on (host)`");
  // Arithmetic and comparisons between two vectors match the same way; `unless` too.
  expect_compile_error(two_jobs_with("redis_used_memory / node_memory_total > 0.9"), "/ node_memory",
                       "comes from job 'redis-exporter'", "`/ on (host)`");
  expect_compile_error(two_jobs_with("redis_connected_clients > bool node_load1 == 1"), "> bool",
                       "`>` compares 'job' and 'instance'", "`> bool on (host)`");
  expect_compile_error(two_jobs_with("redis_up == 0 unless node_load1 > 10"), "unless", "`unless` compares");
  // The service's own metrics and symptree-exporter's are two jobs as well; a job matcher fixes the job of `up`.
  expect_compile_error(two_jobs_with("shop_queue_depth > 10 and symptree_filesystem_used_ratio{name=\"data\"} > 0.9"),
                       "and symptree", "the left side of `and` comes from job 'shop' and the right side from job 'symptree-exporter'");
  expect_compile_error(two_jobs_with("up{job=\"redis-exporter\"} == 0 and node_load1 > 10"), "and node_load1",
                       "from job 'redis-exporter' and the right side from job 'node-exporter'");
}

TEST_CASE("on (...) listing job or instance, or ignoring (...) without both, of two scrape jobs: an error at the clause") {
  expect_compile_error(two_jobs_with("redis_up == 0 and on (instance) node_load1 > 10"), "on (instance)",
                       "on (instance) compares 'instance', but the left side of `and` comes from job 'redis-exporter'",
                       "`and on (host)`");
  expect_compile_error(two_jobs_with("redis_up == 0 and on (host, job) node_load1 > 10"), "on (host, job)",
                       "on (host, job) compares 'job'");
  expect_compile_error(two_jobs_with("redis_up == 0 and ignoring (job) node_load1 > 10"), "ignoring (job)",
                       "ignoring (job) compares 'instance'");
  expect_compile_error(two_jobs_with("redis_up == 0 and ignoring (instance) node_load1 > 10"), "ignoring (instance)",
                       "ignoring (instance) compares 'job'");
  // up may lack host (its targets' labels differ by job): the hint keeps the clause's other labels.
  expect_compile_error(two_jobs_with("redis_up == 0 and on (host, job) up{job=\"node-exporter\"} == 1"),
                       "on (host, job)", "on (host, job) compares 'job'", "`and on (host)`");
  // Both keep job, instance (max without) drops host: no join label to match on, and the hint says so.
  expect_compile_error(two_jobs_with("max without (host) (redis_up) == 0 and max without (host) (node_load1) > 10"),
                       "and max", "compares 'job' and 'instance'", "the two sides share no join label (host)");
}

TEST_CASE("two scrape jobs matched on labels both carry, one job, or a side of no certain job: accepted") {
  CHECK(matching_errors("redis_up == 0 and on (host) node_load1 > 10") == "");
  CHECK(matching_errors("redis_up == 0 and ignoring (job, instance) node_load1 > 10") == "");
  CHECK(matching_errors("redis_used_memory / on (host) node_memory_total > 0.9") == "");
  CHECK(matching_errors("sum by (host) (redis_up) == 0 and sum by (host) (node_load1) > 10") == "");
  CHECK(matching_errors("max without (job, instance) (redis_up) == 0 and max without (job, instance) (node_load1) > 10") ==
        "");
  // One job on both sides.
  CHECK(matching_errors("redis_up == 0 and redis_connected_clients > 100") == "");
  CHECK(matching_errors("redis_used_memory / redis_maxmemory > 0.9") == "");
  // `or` unions, it needs no match.
  CHECK(matching_errors("redis_up == 0 or node_load1 > 10") == "");
  // A side whose job is not certain: `up` of any job, a job written by label_replace, an `or` of two jobs.
  CHECK(matching_errors("up == 0 and node_load1 > 10") == "");
  CHECK(matching_errors("label_replace(redis_up, \"job\", \"node-exporter\", \"\", \"\") == 0 and node_load1 > 10") ==
        "");
  CHECK(matching_errors("(redis_up == 0 or node_up == 0) and node_load1 > 10") == "");
  // on () compares no label; a scalar side matches every series.
  CHECK(matching_errors("redis_up == 0 and on () count(node_load1 > 10) > 0") == "");
  CHECK(matching_errors("redis_connected_clients > scalar(node_load1)") == "");
}

TEST_CASE("on (...) a label neither side carries: an error at the clause with the nearest label both carry") {
  std::string when = "kube_container_restarts > 2 and on (namespace, pdo) kubelet_oom == 1";
  expect_compile_error(spec_with(when), "on (namespace, pdo)",
                       "neither side of `and` has 'pdo', so on (...) compares it as empty on every series: it tells "
                       "no two series apart",
                       "did you mean 'pod'?");
  // A label one side may carry is not this error; an unknown metric may carry any label.
  CHECK(checked(spec_with("kube_container_restarts > 2 and on (namespace, pod) kubelet_oom == 1"), check_matchings) ==
        "");
}
