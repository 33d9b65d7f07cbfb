// Tests for check/metric_check: every metric a condition reads has a producer,
// and probe label values name configured probes.
#include "generator/check/metric_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("a metric typo is reported at its column with a suggestion") {
  std::string out = checked(replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_dept > 1000"), check_metrics);
  CHECK(out ==
        "spec.yaml:43:12: error: unknown metric 'shop_queue_dept': no host probe produces it, app_metrics does "
        "not list it and no source owns it\n    hint: did you mean 'shop_queue_depth'?\n");
}

TEST_CASE("a probe metric needs its probe configured") {
  std::string out = checked(replace(small_spec(), "  ports: [{port: 8080, owner: shop-api}]\n", ""), check_metrics);
  CHECK(out.find("metric 'symptree_port_foreign_owner' comes from the 'ports' probe, but host.ports configures "
                 "none") != std::string::npos);
}

TEST_CASE("Prometheus' own series need no probe") {
  std::string text = replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'up{job=\"shop\"} == 0'");
  CHECK(checked(text, check_metrics) == "");
  CHECK(checked(small_spec(), check_metrics) == "");
}
