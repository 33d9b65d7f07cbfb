// Tests for emit/tests_emitter: rules.test.yml names each case and points at the rules file.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "generator/emit/tests_emitter.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the tests file names each case and points at the rules file") {
  Diagnostics d;
  std::optional<Compilation> c = compile(small_spec(), d);
  REQUIRE(c);
  YAML::Node tests = YAML::Load(c->outputs.files().at(kRuleTestsPath));
  CHECK(tests["rule_files"][0].as<std::string>() == "rules.yml");
  CHECK(tests["evaluation_interval"].as<std::string>() == "1m");
  CHECK(tests["tests"].size() == c->tests.case_count);
  CHECK(tests["tests"][0]["name"].as<std::string>().find("ShopApiDown: fires after `for` 2m") == 0);
  YAML::Node check = tests["tests"][0]["alert_rule_test"][1];
  CHECK(check["eval_time"].as<std::string>() == "2m");
  CHECK(check["exp_alerts"][0]["exp_labels"]["host"].as<std::string>() == "host-a");
}
