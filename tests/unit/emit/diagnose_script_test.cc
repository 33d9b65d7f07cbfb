// Tests for emit/diagnose_script: docs/diagnose.sh quotes every command, has a
// function per symptom, bounds each command with `timeout`, and passes
// `bash -n`.
#include "generator/emit/diagnose_script.h"

#include <doctest/doctest.h>

#include <fstream>

#include "common/process.h"
#include "spec_fixture.h"
#include "temp_dir.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("shell_quote makes one single-quoted word of anything") {
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("$HOME `x`") == "'$HOME `x`'");
  CHECK(shell_quote("") == "''");
}

TEST_CASE("diagnose.sh quotes every command and has a function per symptom") {
  Model model = load_ok(small_spec());
  std::string script = render_diagnose_script(model);
  CHECK(script.find("#!/usr/bin/env bash\n") == 0);
  CHECK(script.find("symptom_api_down() {\n  run 'api_down/01-ss-ltnp-grep-8080.txt' 'Who holds the port' "
                    "'ss -ltnp | grep 8080'\n") != std::string::npos);
  CHECK(script.find("symptom_queue_backlog() {\n  :\n}") != std::string::npos);
  CHECK(script.find("timeout --kill-after=5") != std::string::npos);
}

TEST_CASE("bash reads the script, whatever a command holds") {
  std::string spec = replace(small_spec(), "{run: \"ss -ltnp | grep 8080\", why: Who holds the port}",
                             "{run: \"echo 'a' \\\"$(date)\\\" `id` ; exit 3\", why: \"it's odd\"}");
  Model model = load_ok(spec);
  std::string script = render_diagnose_script(model);
  CHECK(script.find(shell_quote("echo 'a' \"$(date)\" `id` ; exit 3")) != std::string::npos);
  TempDir dir("diagnose");
  std::string path = (dir.path() / "diagnose.sh").string();
  std::ofstream(path) << script;
  ProcessResult syntax = run_process({"bash", "-n", path}, 30);
  CHECK_MESSAGE(syntax.exit_code == 0, syntax.output);
}
