// Tests for emit/manifest: manifest.json lists the files with hashes and the coverage of the tree.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "generator/emit/manifest.h"
#include "deployment_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the manifest lists files with hashes and the coverage of the tree") {
  Diagnostics d;
  std::optional<Compilation> c = compile(small_spec(), d);
  REQUIRE(c);
  nlohmann::json manifest = nlohmann::json::parse(c->outputs.files().at(kManifestName));
  CHECK(manifest["spec"] == "spec.yaml");
  const std::string rules = "prometheus/rules/shop.api_down.yml";
  CHECK(manifest["files"][rules] == sha256_hex(c->outputs.files().at(rules)));
  CHECK(manifest["manual"][0]["node"] == "restart_by_hand");
  CHECK(manifest["alerts"][0]["alert"] == "ShopApiDown");
  CHECK(manifest["alerts"][0]["tests"] == 2);
  for (const auto& alert : manifest["alerts"]) CHECK(alert["tests"].get<int>() >= 2);
}

TEST_CASE("the manifest lists the deployment's files") {
  Compilation c = compile_ok(ha_spec());
  nlohmann::json manifest = nlohmann::json::parse(c.outputs.files().at(kManifestName));
  for (const char* path : {"prometheus/prometheus-prom-a.yml", "prometheus/prometheus-prom-b.yml",
                           "alertmanager/cluster/am-1.env", "alertmanager/cluster/am-3.env"}) {
    CAPTURE(path);
    CHECK(manifest["files"][path] == sha256_hex(c.outputs.files().at(path)));
  }
}
