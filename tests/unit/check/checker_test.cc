// Tests for check/checker: check_model runs every check (testability, metrics,
// scopes, runbooks, promtool when asked); each check has its own test file.
#include "generator/check/checker.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {
std::string check(const std::string& text, const CheckOptions& options = {}) {
  Diagnostics d;
  std::optional<Model> model = load(text, d);
  REQUIRE_MESSAGE(model, d.format());
  CheckOptions o = options;
  if (options.spec_dir == ".") o.use_promtool = false;
  check_model(*model, o, d);
  return d.format();
}
}  // namespace

TEST_CASE("the small spec passes every check") { CHECK(check(small_spec()) == ""); }

TEST_CASE("a condition that is neither derivable nor given examples is an error naming the node") {
  std::string out = check(replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'predict_linear(shop_queue_depth[1h], 3600) > 1000'"));
  CHECK(out.find("spec.yaml:43:12: error: cannot derive test series for 'queue_backlog'") == 0);
  CHECK(out.find("add `examples:`") != std::string::npos);
}

TEST_CASE("check_model reports every check's errors, not only the first check's") {
  std::string text = replace(replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_dept > 1000"),
                             "  ports: [{port: 8080, owner: shop-api}]\n", "");
  std::string out = check(text);
  CHECK(out.find("unknown metric 'shop_queue_dept'") != std::string::npos);
  CHECK(out.find("comes from the 'ports' probe") != std::string::npos);
}

TEST_CASE("why promtool does not parse the conditions: not asked for, or not installed") {
  CheckOptions options;
  options.use_promtool = false;
  CHECK(promtool_skipped(options) == "--no-promtool");
  options.use_promtool = true;
  options.promtool = "/nonexistent/promtool";
  CHECK(promtool_skipped(options) == "/nonexistent/promtool is not installed");
  options.promtool = "symptree-no-such-promtool";
  CHECK(promtool_skipped(options) == "symptree-no-such-promtool is not installed");
  options.promtool = "sh";  // found on the PATH: it runs
  CHECK(promtool_skipped(options) == "");
}
