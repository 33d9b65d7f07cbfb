// Tests for emit/grafana_overview: every service's "where are we" row, its
// variables fixed, its panel ids unique.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "generator/emit/grafana_overview.h"
#include "generator/model/grafana_ids.h"
#include "repo_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the overview has a row per service with its two top panels, queries without variables") {
  RepoDir repo("overview", {{"shop", "Shop"}, {"cart", "Cart"}});
  nlohmann::json overview = nlohmann::json::parse(repo.compiled().outputs.files().at(kOverviewDashboardPath));
  CHECK(overview["uid"] == kOverviewDashboardUid);
  REQUIRE(overview["panels"].size() == 6);
  CHECK(overview["panels"][0]["type"] == "row");
  CHECK(overview["panels"][0]["title"].get<std::string>().find("(cart)") != std::string::npos);
  CHECK(overview["panels"][4]["type"] == "table");
  std::set<int> ids;
  for (const auto& panel : overview["panels"]) {
    ids.insert(panel["id"].get<int>());
    for (const auto& target : panel.value("targets", nlohmann::json::array())) {
      std::string expr = target["expr"];
      CHECK_MESSAGE(expr.find('$') == std::string::npos, expr);
    }
  }
  CHECK(ids.size() == 6);
  CHECK(overview["panels"][1]["targets"][0]["expr"].get<std::string>().find("job=~\"cart|symptree-exporter\"") !=
        std::string::npos);
  CHECK(overview["links"].size() == 2);
  CHECK(overview["links"][1]["url"] == "/d/shop-flowchart");
}
