// Tests for model/grafana_ids: the dashboard's uid (at most 40 characters,
// distinct when shortened), its path, panel ids that never collide, and the
// dashboard_url an alert carries.
#include "generator/model/grafana_ids.h"

#include <doctest/doctest.h>

#include <set>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("uid: grafana.uid, else <service>-flowchart, shortened with a hash past 40 characters") {
  Model model = load_ok(small_spec());
  CHECK(dashboard_uid(model) == "shop-flowchart");
  CHECK(dashboard_path(model) == "grafana/shop-flowchart.json");
  model.grafana.uid = "board";
  CHECK(dashboard_uid(model) == "board");
  model.grafana.uid.clear();
  model.service = std::string(30, 'a') + "_one";
  std::string one = dashboard_uid(model);
  model.service = std::string(30, 'a') + "_two";
  std::string two = dashboard_uid(model);
  CHECK(one.size() == 40);
  CHECK(two.size() == 40);
  CHECK(one != two);  // same prefix, different hash
  CHECK(one.rfind(std::string(21, 'a') + "-flowchart-", 0) == 0);
}

TEST_CASE("panel and row ids are distinct, above the top row's") {
  std::set<int> ids;
  for (int node = 0; node < 500; ++node) {
    CHECK(ids.insert(node_panel_id(node)).second);
    CHECK(ids.insert(section_row_id(node)).second);
  }
  CHECK(*ids.begin() >= 100);
}

TEST_CASE("dashboard_url: the node's panel, filtered to the alert's host, nothing without a Grafana URL") {
  Model model = load_ok(small_spec());
  CHECK(dashboard_url_template(model, 0) == "");
  model = load_ok(small_spec() + "grafana: {url: \"https://g.example.com\"}\n");
  // api_down keeps its series' labels: the instance is chosen too.
  CHECK(dashboard_url_template(model, 0) ==
        "https://g.example.com/d/shop-flowchart?viewPanel=100&var-host={{ $labels.host }}"
        "&var-instance={{ $labels.instance }}");
  // errors_rising aggregates by host: no instance to choose.
  CHECK(dashboard_url_template(model, 5) == "https://g.example.com/d/shop-flowchart?viewPanel=110&var-host={{ $labels.host }}");
}
