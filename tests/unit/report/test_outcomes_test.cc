// Tests for report/test_outcomes: promtool's failures mapped back to alerts.
#include <doctest/doctest.h>

#include "generator/report/test_outcomes.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("promtool failures are mapped back to their alerts by test name") {
  TestOutcomes outcomes;
  parse_promtool_failures("Unit Testing:  rules.test.yml\n  FAILED:\n"
                          "    name: ShopPortTaken: fires after `for` 2m when its condition and its ancestors' hold, silent before,\n"
                          "    alertname: ShopPortTaken, time: 2m, \n        exp:[...]\n"
                          "    name: ShopPortTaken: fires after `for` 2m when its condition and its ancestors' hold, silent before,\n"
                          "    name: ShopApiDown: silent when its own condition does not hold,\n",
                          outcomes);
  CHECK(outcomes.failed == 2);
  CHECK(outcomes.failed_by_alert.at("ShopPortTaken") == 1);
  CHECK(outcomes.failed_by_alert.at("ShopApiDown") == 1);
}
