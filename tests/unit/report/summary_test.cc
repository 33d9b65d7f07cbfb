// Tests for report/summary: the lines `compile` prints.
#include <doctest/doctest.h>

#include "generator/report/summary.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the summary counts alerts per priority, branches and manual steps") {
  Diagnostics d;
  std::string summary = render_summary(*compile(small_spec(), d));
  CHECK(summary.find("alerts:   5 flowchart alerts (P0: 2, P2: 3) + 5 absence alerts") == 0);
  CHECK(summary.find("branches: 3 of 4 enforced by an alert, 1 manual") != std::string::npos);
  CHECK(summary.find("manual:   restart_by_hand: An operator decision") != std::string::npos);
}
