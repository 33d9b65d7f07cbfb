// Tests for emit/tests_emitter: one test file per group, naming each case and loading only its group's rule file.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "generator/emit/tests_emitter.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("each group's test file names each case and loads only its group's rule file") {
  Diagnostics d;
  std::optional<Compilation> c = compile(small_spec(), d);
  REQUIRE(c);
  size_t cases = 0;
  for (const std::string& group : c->alerts.groups) {
    YAML::Node file = YAML::Load(c->outputs.files().at(rule_test_file_path(group)));
    REQUIRE(file["rule_files"].size() == 1);
    CHECK(file["rule_files"][0].as<std::string>() == "../rules/" + group + ".yml");
    for (const YAML::Node& test : file["tests"]) {
      std::string alert = test["name"].as<std::string>().substr(0, test["name"].as<std::string>().find(':'));
      bool in_group = false;
      for (const AlertRule& rule : c->alerts.rules) in_group = in_group || (rule.name == alert && rule.group == group);
      CHECK_MESSAGE(in_group, alert << " tested in the file of " << group);
      ++cases;
    }
  }
  CHECK(cases == c->tests.case_count);
  YAML::Node tests = YAML::Load(c->outputs.files().at(rule_test_file_path("shop.api_down")));
  CHECK(tests["evaluation_interval"].as<std::string>() == "1m");
  CHECK(tests["tests"][0]["name"].as<std::string>().find("ShopApiDown: fires after `for` 2m") == 0);
  YAML::Node check = tests["tests"][0]["alert_rule_test"][1];
  CHECK(check["eval_time"].as<std::string>() == "2m");
  CHECK(check["exp_alerts"][0]["exp_labels"]["host"].as<std::string>() == "host-a");
}
