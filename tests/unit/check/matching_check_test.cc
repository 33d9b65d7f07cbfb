// Tests for generator/check/matching_check: a vector matching on a label one
// side always has and the other never does is an error at its clause.
#include "generator/check/matching_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// A pod symptom and a cause reading two sources, `when` its condition.
std::string spec_with(const std::string& when) {
  return namespace_spec_settings() + R"(sources:
  - {name: ksm, job: kube-state-metrics, labels: [namespace, pod, container], prefixes: [kube_]}
  - {name: kubelet, job: kubelet, labels: [namespace, pod], prefixes: [kubelet_]}
symptoms:
  - id: restarts
    title: Restarts
    priority: P0
    join_on: [namespace, pod]
    when: 'kube_restarts > 2'
    runbook: r.md
    causes:
      - id: oom
        title: OOM?
        when: ')" + when + R"('
        runbook: r.md
)";
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
