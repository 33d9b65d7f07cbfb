// Tests for reader/merge_reader, the merge file: hand-written routes,
// receivers and inhibit rules added to the generated Alertmanager
// configuration, checked like the spec.
#include <doctest/doctest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "common/yaml_reader.h"
#include "generator/model/am_matcher.h"
#include "generator/reader/merge_reader.h"
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
  std::string spec_dir() const { return dir_.path().string(); }

 private:
  TempDir dir_;
};

const char* kGoodMerge = R"(routes:
  - matchers: ['flowchart_node="disk_nearly_full"']
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
    target_matchers: ['flowchart_service="shop"']
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
  CHECK(routes[1]["matchers"][0].as<std::string>() == "flowchart_service=\"shop\"");
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

TEST_CASE("read_route: nested routes with their matchers, timing, continue and intervals") {
  Diagnostics d;
  std::optional<YamlFile> file = parse_yaml_text("am/extra.yml",
                                                 "receiver: db\n"
                                                 "matchers: ['team=\"db\"', 'severity=~\"crit.*\"']\n"
                                                 "group_by: [alertname]\n"
                                                 "group_wait: 10s\n"
                                                 "repeat_interval: 2h\n"
                                                 "continue: true\n"
                                                 "mute_time_intervals: [weekends]\n"
                                                 "routes:\n"
                                                 "  - {receiver: night, active_time_intervals: [nights]}\n",
                                                 d);
  REQUIRE_MESSAGE(file, d.format());
  AmRoute route = read_route(*file, file->root, d);
  REQUIRE_MESSAGE(!d.has_errors(), d.format());
  CHECK(route.receiver == "db");
  REQUIRE(route.matchers.size() == 2);
  CHECK(format_matcher(route.matchers[1]) == "severity=~\"crit.*\"");
  CHECK(route.group_by == std::vector<std::string>{"alertname"});
  REQUIRE(route.group_wait);
  CHECK(route.group_wait->ms == 10000);
  CHECK_FALSE(route.group_interval);  // not written: Alertmanager's own
  CHECK(route.repeat_interval->text == "2h");
  CHECK(route.continue_matching);
  CHECK(route.mute_time_intervals == std::vector<std::string>{"weekends"});
  REQUIRE(route.routes.size() == 1);
  CHECK(route.routes[0].receiver == "night");
  CHECK(route.routes[0].active_time_intervals == std::vector<std::string>{"nights"});
  CHECK(route.routes[0].where.line == 9);
  CHECK(route.where.line == 1);
}

TEST_CASE("read_route: a bad duration, an unknown key and a bad matcher each at their place") {
  auto first_route_error = [](const std::string& text) {
    Diagnostics d;
    std::optional<YamlFile> file = parse_yaml_text("am/extra.yml", text, d);
    REQUIRE(file);
    read_route(*file, file->root, d);
    REQUIRE(d.count() >= 1);
    return d.errors().front();
  };
  Diagnostic wait = first_route_error("receiver: db\ngroup_wait: soon\n");
  CHECK(wait.where.line == 2);
  CHECK(wait.message.find("positive duration") != std::string::npos);
  Diagnostic key = first_route_error("receiver: db\nrecevier: x\n");
  CHECK(key.where.line == 2);
  CHECK(key.message.find("recevier") != std::string::npos);
  Diagnostic matcher = first_route_error("matchers: ['=db']\n");
  CHECK(matcher.where.line == 1);
  CHECK(matcher.message.find("bad matcher '=db'") != std::string::npos);
}

TEST_CASE("read_merge_file: receivers, inhibit rules and pass-through sections into the settings") {
  MergeDir dir(kGoodMerge);
  AlertmanagerSettings settings;
  Diagnostics d;
  read_merge_file(dir.spec_dir(), "am/extra.yml", SourcePosition{}, {"pager", "tickets"}, settings, d);
  REQUIRE_MESSAGE(!d.has_errors(), d.format());
  CHECK(settings.merged_receiver_names == std::vector<std::string>{"storage-team"});
  CHECK(settings.merged_routes.size() == 1);
  CHECK(settings.merged_inhibit_rules.size() == 1);
  bool intervals = false;
  for (const AmPassThrough& section : settings.merged_sections) {
    CHECK(section.key != "routes");
    CHECK(section.key != "inhibit_rules");
    if (section.key == "time_intervals") intervals = section.yaml.find("name: weekends") != std::string::npos;
  }
  CHECK(intervals);
}

TEST_CASE("read_merge_file: an inhibit rule without matchers, a receiver without a name, a config that is no list") {
  expect_merge_error("inhibit_rules:\n  - target_matchers: ['a=\"b\"']\n", 2, 5, "an inhibit rule needs 'source_matchers'");
  expect_merge_error("receivers:\n  - slack_configs: []\n", 2, 5, "a receiver needs a 'name'");
  expect_merge_error("receivers:\n  - name: x\n    slack: {channel: a}\n", 3, 5, "'slack' is not a list of notifier settings");
}
