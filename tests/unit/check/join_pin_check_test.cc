// Tests for generator/check/join_pin_check: two values of one join label on a
// chain joined on it can never hold together.
#include "generator/check/join_pin_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// A namespace symptom `parent` over a cause `cause` (its own join_on `join`, if any).
std::string spec_with(const std::string& parent, const std::string& cause, const std::string& join = "") {
  return namespace_spec_settings() + R"(app_metrics: [kube_unavailable, kube_waiting]
symptoms:
  - id: degraded
    title: Degraded
    priority: P0
    when: ')" + parent + R"('
    runbook: r.md
    causes:
      - id: pull
        title: Pull?)" + (join.empty() ? "" : "\n        join_on: " + join) + R"(
        when: ')" + cause + R"('
        runbook: r.md
)";
}

}  // namespace

TEST_CASE("a cause fixing its join label to another value than its parent: an error at the cause's matcher") {
  expect_compile_error(spec_with("kube_unavailable{namespace=\"payments\"} > 0", "kube_waiting{namespace=\"billing\"} == 1"),
               "namespace=\"billing\"",
               "'pull' holds only where namespace=\"billing\", and its ancestor 'degraded' only where "
               "namespace=\"payments\": joined on namespace, they never hold together",
               "give both the same namespace");
}

TEST_CASE("the same value, or a link that does not join on the label, is fine") {
  CHECK(compile_errors(spec_with("kube_unavailable{namespace=\"payments\"} > 0", "kube_waiting{namespace=\"payments\"} == 1")) == "");
  CHECK(compile_errors(spec_with("kube_unavailable > 0", "kube_waiting{namespace=\"billing\"} == 1")) == "");
  // Joined on pod (and namespace), the cause's namespace joins the parent's.
  CHECK(compile_errors(spec_with("kube_unavailable{namespace=\"a\"} > 0", "kube_waiting{namespace=\"a\"} == 1",
                              "[namespace, pod]")) == "");
}
