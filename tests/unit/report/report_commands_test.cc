// Tests for report/report_commands: `explain` and `coverage` print their
// report and return the command's exit code; coverage runs the real promtool
// on the generated tests when asked.
#include "generator/report/report_commands.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/process.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("explain: 0 and the text, or 2 and a hint on stderr") {
  Compilation c = compile_ok(small_spec());
  std::ostringstream out, err;
  CHECK(print_explain(c, "ShopPortTaken", out, err) == 0);
  CHECK(out.str().find("Port taken?") != std::string::npos);
  CHECK(err.str().empty());
  std::ostringstream out2, err2;
  CHECK(print_explain(c, "ShopPortTakn", out2, err2) == 2);
  CHECK(out2.str().empty());
  CHECK(err2.str() == "symptree: no alert or node named 'ShopPortTakn'; did you mean 'ShopPortTaken'?\n");
}

TEST_CASE("coverage without running the tests says why, unknown outcomes are no failure") {
  Compilation c = compile_ok(small_spec());
  CoverageOptions options;
  options.run_tests = false;
  std::ostringstream out;
  CHECK(print_coverage(c, options, out) == 0);
  CHECK(out.str().find("not asked to run them (--no-run)") != std::string::npos);
  options.json = true;
  std::ostringstream json;
  print_coverage(c, options, json);
  CHECK(nlohmann::json::parse(json.str())["tests"]["ran"] == false);
}

TEST_CASE("coverage with promtool: every generated test passes") {
  if (!find_in_path("promtool")) return;  // scripts/install-deps installs it
  // rate(...[5m]) of the examples' 60 a minute passes 0.5/s only after 3m: with the small spec's warmup of 1m the
  // generated test fails, as it should (see test_outcomes_test's failing case).
  Compilation c = compile_ok(replace(small_spec(), "warmup: 1m", "warmup: 3m"));
  CoverageOptions options;
  options.timeout_seconds = 120;
  std::ostringstream out;
  int code = print_coverage(c, options, out);
  CHECK_MESSAGE(code == 0, out.str());
  CHECK(out.str().find("NOT RUN") == std::string::npos);
}
