// Tests for selector_check: probe names and label names of exporter metrics,
// at the matcher's value.
#include "generator/check/selector_check.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("a probe label must name a configured probe") {
  std::string out = checked(replace(small_spec(), "{name=\"shop-api\"} == 0", "{name=\"shop-apii\"} == 0"), check_selectors);
  CHECK(out.find("spec.yaml:20:38: error: no processes probe has name 'shop-apii'") == 0);
  CHECK(out.find("did you mean 'shop-api'?") != std::string::npos);
}

TEST_CASE("label names of exporter metrics are checked, app metrics' are not known") {
  std::string out = checked(replace(small_spec(), "symptree_filesystem_used_ratio{name=\"data\"}",
                                    "symptree_filesystem_used_ratio{mount=\"data\"}"), check_selectors);
  CHECK(out.find("spec.yaml:34:51: error: metric 'symptree_filesystem_used_ratio' has no label 'mount'") == 0);
  CHECK(checked(replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_depth{shard=\"7\"} > 1000"),
                check_selectors) == "");
  CHECK(checked(small_spec(), check_selectors) == "");
}
