// Tests for reader/include_reader: a spec's `include:` gives it the shared
// priorities, receivers and Alertmanager settings; every problem is reported
// at its own file, line and column.
#include <doctest/doctest.h>

#include "generator/reader/include_reader.h"
#include "generator/reader/spec_loader.h"
#include "repo_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::optional<Model> load_in(const RepoDir& repo, const std::string& spec_text, Diagnostics& d) {
  repo.write("spec.yaml", spec_text);
  return load_spec(repo.path("spec.yaml"), d);
}

// The spec with `include:` set to `value`.
std::string including(const std::string& value) {
  std::string text = repo_spec("shop", "Shop");
  text.replace(text.find("include: paging.yaml"), 20, "include: " + value);
  return text;
}

}  // namespace

TEST_CASE("an included file gives the spec its priorities and receivers") {
  RepoDir repo("include-ok");
  Diagnostics d;
  std::optional<Model> model = load_in(repo, repo_spec("shop", "Shop"), d);
  REQUIRE_MESSAGE(model, d.format());
  CHECK(model->priorities.size() == 2);
  CHECK(model->receivers.size() == 2);
  CHECK(model->receivers[0].where.file == repo.path("paging.yaml"));
  CHECK(model->included_files == std::vector<std::string>{repo.path("paging.yaml")});
}

TEST_CASE("an error in an included file names that file, line and column") {
  RepoDir repo("include-error");
  std::string paging = kSharedPaging;
  paging.replace(paging.find("severity: warning"), 17, "severity: warnin");
  repo.write("paging.yaml", paging);
  Diagnostics d;
  CHECK_FALSE(load_in(repo, repo_spec("shop", "Shop"), d));
  CHECK(d.format().find(repo.path("paging.yaml") + ":3:32: error: unknown severity 'warnin'") != std::string::npos);
}

TEST_CASE("a section both in the spec and in an included file is an error at the spec's key") {
  RepoDir repo("include-twice");
  Diagnostics d;
  std::string text = repo_spec("shop", "Shop") + "receivers:\n  pager: {pagerduty: {routing_key_file: /etc/am/x}}\n";
  CHECK_FALSE(load_in(repo, text, d));
  CHECK_MESSAGE(d.format().find("spec.yaml:49:1: error: 'receivers' is also defined in " + repo.path("paging.yaml") +
                                ":4:1") != std::string::npos,
                d.format());
  CHECK_MESSAGE(d.count() == 1, d.format());  // the shared priorities and receivers are read together: no cascade
}

TEST_CASE("an include that cannot be read is one error at the include, not a cascade") {
  RepoDir repo("include-missing");
  std::string text = including("pagin.yaml");
  Diagnostics d;
  CHECK_FALSE(load_in(repo, text, d));
  CHECK_MESSAGE(d.count() == 1, d.format());
  CHECK(d.format().find("spec.yaml:5:10: error: cannot include 'pagin.yaml'") != std::string::npos);
}

TEST_CASE("an included file holds shared sections only, as a mapping") {
  RepoDir repo("include-shape");
  repo.write("paging.yaml", kSharedPaging + "symptoms: []\n");
  Diagnostics d;
  CHECK_FALSE(load_in(repo, repo_spec("shop", "Shop"), d));
  CHECK_MESSAGE(d.format().find(repo.path("paging.yaml") + ":7:1: error: unknown key 'symptoms'") != std::string::npos,
                d.format());
  repo.write("paging.yaml", "- priorities\n");
  Diagnostics list;
  CHECK_FALSE(load_in(repo, repo_spec("shop", "Shop"), list));
  CHECK(list.format().find("an included file must be a mapping of shared sections") != std::string::npos);
}

TEST_CASE("two included files may not define one section, nor one file be included twice") {
  RepoDir repo("include-two");
  repo.write("more.yaml", "receivers:\n  pager: {pagerduty: {routing_key_file: /etc/am/y}}\n");
  std::string text = including("[paging.yaml, more.yaml, paging.yaml]");
  Diagnostics d;
  CHECK_FALSE(load_in(repo, text, d));
  CHECK(d.format().find(repo.path("more.yaml") + ":1:1: error: 'receivers' is also defined in") != std::string::npos);
  CHECK(d.format().find("'paging.yaml' is included twice") != std::string::npos);
}

TEST_CASE("peek_shared_files reads a spec's includes and merge files without the rest") {
  RepoDir repo("include-peek");
  repo.write("spec.yaml", "include: [paging.yaml, sub/../other.yaml]\nalertmanager: {merge: am.yml}\nsymptoms: 3\n");
  repo.write("paging.yaml", kSharedPaging + "alertmanager: {merge: shared-am.yml}\n");
  CHECK(peek_shared_files(repo.path("spec.yaml")) ==
        std::vector<std::string>{repo.path("paging.yaml"), repo.path("other.yaml"), repo.path("am.yml"),
                                 repo.path("shared-am.yml")});
  CHECK(peek_shared_files(repo.path("nonexistent.yaml")).empty());
}

TEST_CASE("a spec that includes itself is an error, and a folder of it alone has no spec") {
  RepoDir repo("include-self");
  std::string text = including("[paging.yaml, ./spec.yaml]");
  Diagnostics d;
  CHECK_FALSE(load_in(repo, text, d));
  CHECK_MESSAGE(d.format().find("spec.yaml:5:24: error: a spec cannot include itself") != std::string::npos, d.format());
  Diagnostics found;
  CHECK(find_specs({repo.path()}, found) == std::vector<std::string>{repo.path("spec.yaml")});
  repo.write("paging.yaml", kSharedPaging + "include: spec.yaml\n");  // now every file is included by another
  std::string errors = repo.errors();
  CHECK(errors.find("no spec here: every YAML file is included by another") != std::string::npos);
}
