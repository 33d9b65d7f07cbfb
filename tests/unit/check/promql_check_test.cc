// Tests for check/promql_check: conditions parsed by the real promtool, each
// error at its column inside the condition; a promtool that hangs is killed.
#include "generator/check/promql_check.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "common/process.h"
#include "spec_fixture.h"
#include "temp_dir.h"

using namespace symptree;
using namespace symptree::testing;
namespace fs = std::filesystem;

namespace {

// The diagnostics of check_promql on `text` with the installed promtool.
std::string promql_errors(const std::string& text) {
  Model model = load_ok(text);
  Diagnostics d;
  check_promql(model, "promtool", d);
  return d.format();
}

}  // namespace

// promtool is a second opinion: symptree's own parser refuses invalid PromQL
// while loading, so what promtool refuses here is set on a loaded model (a
// promtool of another version could disagree with the parser).
TEST_CASE("conditions promtool parses pass, and one it cannot is an error inside the condition") {
  if (!find_in_path("promtool")) return;  // scripts/install-deps installs it; without it the check is skipped by design
  CHECK(promql_errors(small_spec()) == "");
  Model model = load_ok(small_spec());
  model.nodes[model.find_node("queue_backlog")].when->expr = "shop_queue_depth > > 1000";
  Diagnostics d;
  check_promql(model, "promtool", d);
  std::string out = d.format();
  CHECK(out.find("spec.yaml:43:") == 0);
  CHECK(out.find("error: 'when' of 'queue_backlog' is not valid PromQL: ") != std::string::npos);
  // A label value with YAML's special characters does not break the scratch rules file.
  CHECK(promql_errors(replace(small_spec(), "'shop_queue_depth > 1000'", "'shop_queue_depth{q=\"a#: b\"} > 1000'")) == "");
}

TEST_CASE("a promtool that hangs is killed at the bound, and the check fails naming it and the bound") {
  TempDir dir("promql-check-hang");
  const std::string hang = (dir.path() / "hang.sh").string();
  std::ofstream(hang) << "#!/bin/sh\nexec sleep 60\n";
  fs::permissions(hang, fs::perms::owner_all);
  Model model = load_ok(small_spec());
  Diagnostics d;
  auto start = std::chrono::steady_clock::now();
  check_promql(model, hang, d, 1);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
  std::string out = d.format();
  CHECK(out.find("error: `" + hang + " check rules` did not finish within 1 s and was killed") != std::string::npos);
  CHECK(out.find("--promtool-timeout") != std::string::npos);
}
