// Tests for generator/check: metrics, probe labels, runbooks, promtool parsing.
#include "generator/check/checker.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/process.h"
#include "spec_fixture.h"
#include "temp_dir.h"

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

TEST_CASE("a metric typo is reported at its column with a suggestion") {
  std::string out = check(replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_dept > 1000"));
  CHECK(out ==
        "spec.yaml:43:12: error: unknown metric 'shop_queue_dept': no host probe produces it and app_metrics does "
        "not list it\n    hint: did you mean 'shop_queue_depth'?\n");
}

TEST_CASE("a probe metric needs its probe configured") {
  std::string out = check(replace(small_spec(), "  ports: [{port: 8080, owner: shop-api}]\n", ""));
  CHECK(out.find("metric 'symptree_port_foreign_owner' comes from the 'ports' probe, but host.ports configures "
                 "none") != std::string::npos);
}

TEST_CASE("a probe label must name a configured probe") {
  std::string out = check(replace(small_spec(), "{name=\"shop-api\"} == 0", "{name=\"shop-apii\"} == 0"));
  CHECK(out.find("spec.yaml:20:38: error: no processes probe has name 'shop-apii'") == 0);
  CHECK(out.find("did you mean 'shop-api'?") != std::string::npos);
}

TEST_CASE("runbook files and sections are checked when runbooks.dir is set") {
  namespace fs = std::filesystem;
  TempDir temp("runbooks");
  const fs::path& dir = temp.path();
  fs::create_directories(dir / "books" / "runbooks");
  std::ofstream(dir / "books/runbooks/api-down.md") << "# API down\n## Port Taken\n```\n# not a heading\n```\n";
  std::ofstream(dir / "books/runbooks/disk.md") << "# Disk\n## Nearly full\n";
  std::string text = replace(small_spec(), "runbooks: {base_url: \"https://runbooks.example.com/shop\"}",
                             "runbooks: {base_url: \"https://runbooks.example.com/shop\", dir: books}");
  CheckOptions options;
  options.spec_dir = dir.string();
  options.use_promtool = false;
  std::string out = check(text, options);
  CHECK(out.find("runbook 'runbooks/api-down.md' has no section '#restart'") != std::string::npos);
  CHECK(out.find("runbook 'runbooks/queue.md' does not exist") != std::string::npos);
  CHECK(out.find("no section '#port-taken'") == std::string::npos);
  CHECK(out.find("no section '#nearly-full'") == std::string::npos);
}

TEST_CASE("conditions promtool cannot parse are errors inside the condition") {
  if (!find_in_path("promtool")) return;  // ./test installs it; without it the check is skipped by design
  CheckOptions options;
  options.spec_dir = "/tmp";
  std::string out = check(replace(small_spec(), "shop_queue_depth > 1000", "shop_queue_depth > > 1000"), options);
  CHECK(out.find("spec.yaml:43:") == 0);
  CHECK(out.find("is not valid PromQL") != std::string::npos);
}

TEST_CASE("a condition that is neither derivable nor given examples is an error naming the node") {
  std::string out = check(replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'sum(shop_queue_depth) > 1000'"));
  CHECK(out.find("spec.yaml:43:12: error: cannot derive test series for 'queue_backlog'") == 0);
  CHECK(out.find("add `examples:`") != std::string::npos);
}
