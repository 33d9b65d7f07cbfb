// Tests for the merge file: hand-written routes, receivers and inhibit rules
// added to the generated Alertmanager configuration, checked like the spec.
#include <doctest/doctest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "spec_fixture.h"
#include "temp_dir.h"

using namespace symptree;
using namespace symptree::testing;
namespace fs = std::filesystem;

namespace {

// A spec and its merge file in a temporary directory.
class MergeDir {
 public:
  explicit MergeDir(const std::string& merge_text) : dir_("merge") {
    fs::create_directories(dir_.path() / "am");
    std::ofstream(dir_.path() / "spec.yaml") << small_spec() << "alertmanager: {merge: am/extra.yml}\n";
    std::ofstream(dir_.path() / "am" / "extra.yml") << merge_text;
  }
  std::optional<Compilation> compile(Diagnostics& d) const {
    CheckOptions options;
    options.use_promtool = false;
    return compile_spec((dir_.path() / "spec.yaml").string(), options, d);
  }
  std::string merge_path() const { return (dir_.path() / "am" / "extra.yml").string(); }

 private:
  TempDir dir_;
};

const char* kGoodMerge = R"(routes:
  - matchers: ['node="disk_nearly_full"']
    receiver: storage-team
    continue: true
receivers:
  - name: storage-team
    slack_configs:
      - api_url_file: /etc/am/slack
        channel: '#storage'
        send_resolved: true
        title: 'true'
inhibit_rules:
  - source_matchers: ['alertname="Maintenance"']
    target_matchers: ['service="shop"']
    equal: [host]
time_intervals:
  - name: weekends
    time_intervals: [{weekdays: ['saturday:sunday']}]
)";

void expect_merge_error(const std::string& merge, int line, int column, const std::string& message) {
  MergeDir dir(merge);
  Diagnostics d;
  CHECK_FALSE(dir.compile(d));
  INFO(d.format());
  REQUIRE(d.count() >= 1);
  CHECK(d.errors().front().where.file == dir.merge_path());
  CHECK(d.errors().front().where.line == line);
  CHECK(d.errors().front().where.column == column);
  CHECK(d.errors().front().message.find(message) != std::string::npos);
}

}  // namespace

TEST_CASE("hand-written routes come first, their receivers and rules are added") {
  MergeDir dir(kGoodMerge);
  Diagnostics d;
  std::optional<Compilation> c = dir.compile(d);
  REQUIRE_MESSAGE(c, d.format());
  YAML::Node config = YAML::Load(c->outputs.files().at(kAlertmanagerConfigPath));
  YAML::Node routes = config["route"]["routes"];
  REQUIRE(routes.size() == 2);
  CHECK(routes[0]["receiver"].as<std::string>() == "storage-team");
  CHECK(routes[0]["continue"].as<bool>());
  CHECK(routes[1]["matchers"][0].as<std::string>() == "service=\"shop\"");
  YAML::Node receivers = config["receivers"];
  REQUIRE(receivers.size() == 3);
  CHECK(receivers[2]["name"].as<std::string>() == "storage-team");
  CHECK(receivers[2]["slack_configs"][0]["title"].Tag() == "!");  // stays the string 'true'
  CHECK(config["inhibit_rules"].size() == 3);
  CHECK(config["time_intervals"][0]["name"].as<std::string>() == "weekends");
  // The merged route with continue: the storage team and the priority's receiver.
  const std::string& tests = c->outputs.files().at(kRouteTestsPath);
  CHECK(tests.find("storage-team,tickets alertname=ShopDiskNearlyFull ") != std::string::npos);
}

TEST_CASE("the merge file is checked with positions") {
  expect_merge_error("routes:\n  - receiver: nobody\n", 2, 5, "unknown receiver 'nobody'");
  expect_merge_error("routes:\n  - match: {severity: critical}\n    receiver: pager\n", 2, 12, "'match' is deprecated");
  expect_merge_error("routes:\n  - matchers: ['severity=~\"(\"']\n", 2, 16, "invalid regular expression");
  expect_merge_error("receivers:\n  - name: x\n    pagerduty_configs: [{routing_key: abc}]\n", 3, 26,
                     "'routing_key' is a secret");
  expect_merge_error("receivers:\n  - name: pager\n    webhook_configs: [{url: 'http://x/'}]\n", 2, 11, "defined twice");
  expect_merge_error("recievers: []\n", 1, 1, "recievers");
  expect_merge_error("inhibit_rules:\n  - source_match: {a: b}\n    target_matchers: ['a=c']\n", 2, 19, "deprecated");
  expect_merge_error("routes:\n  - receiver: pager\n    mute_time_intervals: [nights]\n", 2, 5, "unknown time interval");
}

TEST_CASE("an inhibit rule letting absence alerts mute each other is refused") {
  expect_merge_error("inhibit_rules:\n  - source_matchers: ['alertname=\"ShopMetricAbsent\"']\n"
                     "    target_matchers: ['alertname=~\"Shop.*\"']\n    equal: [host]\n",
                     2, 5, "matches ShopMetricAbsent as both source and target");
}

TEST_CASE("a missing merge file is reported at the spec's `merge:`") {
  Diagnostics d;
  CHECK_FALSE(load(small_spec() + "alertmanager: {merge: nowhere.yml}\n", d));
  REQUIRE(d.count() == 1);
  std::string spec = small_spec();
  CHECK(d.errors()[0].where.line == static_cast<int>(std::count(spec.begin(), spec.end(), '\n')) + 1);
  CHECK(d.errors()[0].where.column == 23);
  CHECK(d.errors()[0].message.find("does not exist") != std::string::npos);
}
