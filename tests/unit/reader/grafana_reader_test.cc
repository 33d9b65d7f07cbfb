// Tests for reader/grafana_reader: `grafana:` url and uid, both optional, each
// mistake at its value.
#include "generator/reader/grafana_reader.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("url without its trailing slashes, uid as written, both optional") {
  Model model = load_ok(small_spec() + "grafana: {url: \"https://grafana.example.com//\", uid: shop-board_1}\n");
  CHECK(model.grafana.url == "https://grafana.example.com");
  CHECK(model.grafana.uid == "shop-board_1");
  Model none = load_ok(small_spec());
  CHECK(none.grafana.url.empty());
  CHECK(none.grafana.uid.empty());
}

TEST_CASE("a url that is not Grafana's base URL, a uid Grafana refuses") {
  expect_error(small_spec() + "grafana: {url: grafana.example.com}\n", "grafana.example.com",
               "'url' must be an http:// or https:// URL", "https://grafana.example.com");
  expect_error(small_spec() + "grafana: {url: \"https://g.example.com/?orgId=1\"}\n", "\"https://g.example.com/?",
               "without a query, fragment or spaces");
  expect_error(small_spec() + "grafana: {uid: \"shop board\"}\n", "\"shop board\"",
               "dashboard uid 'shop board' must be 1 to 40 letters, digits, '-' or '_'", "shop-flowchart");
  expect_error(small_spec() + "grafana: {uid: " + std::string(41, 'a') + "}\n", std::string(41, 'a'), "must be 1 to 40");
  expect_error(small_spec() + "grafana: {uri: x}\n", "uri", "uri");
}
