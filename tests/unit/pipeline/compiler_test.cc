// Tests for pipeline/compiler: the stages run in order into one Compilation,
// each stage's error stops the compile with its diagnostics, and the file
// variant reads the spec from disk.
#include "generator/pipeline/compiler.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "generator/model/routing.h"
#include "spec_fixture.h"
#include "temp_dir.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("a compile holds the model, both plans, the tests and every output") {
  Compilation c = compile_ok(small_spec());
  CHECK(c.model.nodes.size() == 6);
  CHECK(c.alerts.rules.size() == 10);  // five flowchart alerts, five absence alerts
  CHECK(c.tests.case_count > 0);
  CHECK(route_receivers(c.routes, {{"flowchart_service", "shop"}, {"priority", "P0"}}) == std::vector<std::string>{"pager"});
  for (const std::string& group : c.alerts.groups) {
    CHECK(c.outputs.files().count(std::string(kRulesDir) + group + ".yml") == 1);
    CHECK(c.outputs.files().count(std::string(kRuleTestsDir) + group + ".test.yml") == 1);
  }
  for (const char* path : {kExporterConfigPath, kAlertmanagerConfigPath, kRouteTestsPath,
                           kManifestName}) {
    CAPTURE(path);
    CHECK(c.outputs.files().count(path) == 1);
  }
  const std::string& exporter = c.outputs.files().at(kExporterConfigPath);
  CHECK(exporter.find("# Run on each host: symptree-exporter --config exporter.yml\n") != std::string::npos);
  CHECK(exporter.find(render_host_config(c.model.host)) != std::string::npos);
}

TEST_CASE("a load error or a check error stops the compile") {
  Diagnostics load_error;
  CHECK_FALSE(compile(replace(small_spec(), "priority: P0", "priority: P9"), load_error));
  CHECK(load_error.format().find("unknown priority 'P9'") != std::string::npos);
  Diagnostics check_error;
  CHECK_FALSE(compile(replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_dept > 1000"), check_error));
  CHECK(check_error.format().find("unknown metric 'shop_queue_dept'") != std::string::npos);
}

TEST_CASE("the same compile, twice, gives the same files") {
  CHECK(compile_ok(small_spec()).outputs.files() == compile_ok(small_spec()).outputs.files());
}

TEST_CASE("compile_spec reads the file, and names it when it cannot") {
  TempDir dir("compiler");
  std::string path = (dir.path() / "shop.yaml").string();
  std::ofstream(path) << small_spec();
  CheckOptions options;
  options.use_promtool = false;
  options.use_dot = false;
  Diagnostics d;
  std::optional<Compilation> c = compile_spec(path, options, d);
  REQUIRE_MESSAGE(c, d.format());
  CHECK(c->model.spec_name == "shop.yaml");
  Diagnostics missing;
  CHECK_FALSE(compile_spec((dir.path() / "none.yaml").string(), options, missing));
  CHECK(missing.format().find("none.yaml") != std::string::npos);
}

TEST_CASE("a compile without promtool says so in a note, one told not to use it does not") {
  CheckOptions options;
  options.promtool = "symptree-no-such-promtool";
  options.use_dot = false;
  Diagnostics d;
  std::optional<Compilation> missing = compile_spec_text("spec.yaml", small_spec(), options, d);
  REQUIRE_MESSAGE(missing, d.format());
  CHECK(missing->promtool_skipped == "symptree-no-such-promtool is not installed");
  CHECK(std::find(missing->notes.begin(), missing->notes.end(),
                  "conditions not parsed by promtool: symptree-no-such-promtool is not installed (symptree's own "
                  "PromQL parser read them)") != missing->notes.end());
  options.use_promtool = false;
  std::optional<Compilation> skipped = compile_spec_text("spec.yaml", small_spec(), options, d);
  REQUIRE(skipped);
  CHECK(skipped->promtool_skipped == "--no-promtool");
  for (const std::string& note : skipped->notes) CHECK(note.find("promtool") == std::string::npos);
}
