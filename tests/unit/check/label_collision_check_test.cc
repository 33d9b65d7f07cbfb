// Tests for generator/check/label_collision_check: a label the condition's
// result may carry that the alert also sets is an error naming who sets it.
#include "generator/check/label_collision_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The pod tree over kube-state-metrics (listing team); `top` goes before the
// sources, `symptom_labels` into the symptom.
std::string spec_with(const std::string& top, const std::string& symptom_labels, const std::string& when) {
  std::string spec = pod_restarts_spec(
      "  - {name: ksm, job: kube-state-metrics, labels: [namespace, pod, team, container], prefixes: [kube_]}\n",
      symptom_labels, when);
  return replace(spec, "sources:\n", top + "sources:\n");
}

}  // namespace

TEST_CASE("a label of the result that a custom label replaces: the nearest labels: that sets it is named") {
  std::string errors = checked(spec_with("labels: {team: shop}\n", "", "kube_oom{team!=\"\"} == 1"), check_label_collisions);
  CHECK(errors.find("may carry the label 'team', which the spec's top-level `labels:` puts on its alert ('shop')") !=
        std::string::npos);
  errors = checked(spec_with("labels: {team: shop}\n", "    labels: {team: pods}\n", "kube_oom{team!=\"\"} == 1"),
                   check_label_collisions);
  CHECK(errors.find("which the `labels:` of 'restarts' puts on its alert ('pods')") != std::string::npos);
  CHECK(errors.find("rename the label in the `labels:` of 'restarts'") != std::string::npos);
  // symptree's own labels: renaming is not the user's to do.
  errors = checked(spec_with("", "", "kube_oom{flowchart_node!=\"\"} == 1"), check_label_collisions);
  CHECK(errors.find("which symptree puts on its alert ('oom')") != std::string::npos);
  // A listed label may be on any series of the source: the symptom's too. No custom label, no collision.
  CHECK(checked(spec_with("labels: {team: shop}\n", "", "kube_oom == 1"), check_label_collisions)
            .find("the result of 'restarts' may carry the label 'team'") != std::string::npos);
  CHECK(checked(spec_with("labels: {owner: shop}\n", "", "kube_oom{container=\"app\"} == 1"), check_label_collisions) ==
        "");
}
