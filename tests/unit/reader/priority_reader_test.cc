// Tests for reader/priority_reader: the Incident Priority Matrix and the
// receivers it pages, read in order; malformed ones point at the culprit.
#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("malformed priority and receiver sections point at the culprit") {
  expect_error(replace(small_spec(), "response: 15m", "response: soon"), "soon", "positive duration");
  expect_error(replace(small_spec(), "severity: critical", "severity: crit"), "crit,", "unknown severity");
  expect_error(replace(small_spec(), "receiver: pager}", "receiver: pagr}"), "pagr", "unknown receiver 'pagr'");
  expect_error(replace(small_spec(), kPager, "pager: {pagerdooty: {routing_key_file: /k}}"), "pagerdooty",
               "pagerdooty", "pagerduty");
  expect_error(replace(small_spec(), kPager, "pager: {pagerduty: /k}"), "/k}", "must be a mapping");
  expect_error(replace(small_spec(), kPager, "pager: {pagerduty: {routing_key_file: /k}, webhook: {url: \"http://x/\"}}"),
               "webhook:", "more than one kind");
}
