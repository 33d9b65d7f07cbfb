// The `symptree` command: check and compile flowchart specs.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <iostream>

#include "generator/pipeline/compiler.h"
#include "generator/report/report_commands.h"

// jemalloc's options (read from this symbol at start; ignored by other
// allocators): give freed pages back within 100 ms. A compile frees the YAML
// tree and per-branch temporaries while its outputs grow; jemalloc's default
// 10 s decay kept them resident, 25 MB more peak RSS on a 10,000-branch spec.
extern "C" {
const char* malloc_conf = "dirty_decay_ms:100,muzzy_decay_ms:0";
}

namespace {

using namespace symptree;

// Exit codes, documented in --help.
constexpr int kExitOk = 0;
constexpr int kExitStale = 1;     // compile --check: outputs differ from the spec
constexpr int kExitSpecError = 2; // the spec has errors; nothing was written
constexpr int kExitIoError = 3;   // writing the outputs failed

CheckOptions check_options(const std::string& spec, bool no_promtool, const std::string& promtool) {
  CheckOptions options;
  options.spec_dir = std::filesystem::path(spec).parent_path().string();
  if (options.spec_dir.empty()) options.spec_dir = ".";
  options.use_promtool = !no_promtool;
  options.promtool = promtool;
  return options;
}

std::optional<Compilation> compile_or_report(const std::string& spec, const CheckOptions& options) {
  Diagnostics diagnostics;
  std::optional<Compilation> compilation = compile_spec(spec, options, diagnostics);
  if (!compilation) {
    std::cerr << diagnostics.format();
    std::cerr << "symptree: " << diagnostics.count() << " error" << (diagnostics.count() == 1 ? "" : "s")
              << " in " << spec << "; nothing was written\n";
  }
  return compilation;
}

int run_check(const std::string& spec, const CheckOptions& options) {
  std::optional<Compilation> compilation = compile_or_report(spec, options);
  if (!compilation) return kExitSpecError;
  std::cout << spec << ": ok\n" << render_summary(*compilation);
  return kExitOk;
}

int run_compile(const std::string& spec, const std::string& out_dir, bool check_only, bool quiet,
                const CheckOptions& options) {
  std::optional<Compilation> compilation = compile_or_report(spec, options);
  if (!compilation) return kExitSpecError;
  if (check_only) {
    std::vector<std::string> differ = compilation->outputs.differences(out_dir);
    for (const std::string& path : differ) std::cerr << out_dir << "/" << path << "\n";
    if (!differ.empty()) {
      std::cerr << "symptree: " << out_dir << " is stale: run `symptree compile " << spec << " -o " << out_dir
                << "` and commit the result\n";
      return kExitStale;
    }
    if (!quiet) std::cout << out_dir << " is up to date with " << spec << "\n";
    return kExitOk;
  }
  if (std::string error = compilation->outputs.write(out_dir); !error.empty()) {
    std::cerr << "symptree: " << error << "\n";
    return kExitIoError;
  }
  if (!quiet) std::cout << "compiled " << spec << " -> " << out_dir << "/\n" << render_summary(*compilation);
  return kExitOk;
}

// explain and coverage read the compiled spec; the SVG is not needed for them.
int run_report(const std::string& spec, CheckOptions options, const std::function<int(const Compilation&)>& report) {
  options.use_dot = false;
  std::optional<Compilation> compilation = compile_or_report(spec, options);
  return compilation ? report(*compilation) : kExitSpecError;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"symptree compiles a troubleshooting flowchart (Symptom -> Cause -> Runbook) into the monitoring "
               "that enforces it.",
               "symptree"};
  app.set_version_flag("--version", "symptree " SYMPTREE_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // `symptree check FILE --no-promtool`: the global flags after the subcommand too
  app.footer("Exit codes: 0 ok; 1 outputs are stale (compile --check); 2 the spec has errors, nothing written; "
             "3 the outputs could not be written.");
  bool no_promtool = false;
  std::string promtool = "promtool";
  app.add_flag("--no-promtool", no_promtool, "Do not parse conditions with promtool even when it is installed");
  app.add_option("--promtool", promtool, "promtool to parse conditions with")->capture_default_str();

  std::string spec, out_dir = "out";
  bool check_only = false, quiet = false;
  CLI::App* check = app.add_subcommand("check", "Validate a spec: every error with file:line:column, nothing written");
  check->add_option("spec", spec, "The flowchart spec (YAML)")->required()->check(CLI::ExistingFile);

  CLI::App* compile = app.add_subcommand("compile", "Compile a spec into Prometheus rules and their tests, Alertmanager config, "
                                         "Grafana dashboard, flowchart docs, exporter config and a manifest; with `deployment:`, "
                                         "prometheus.yml per replica and each Alertmanager peer's cluster flags");
  compile->add_option("spec", spec, "The flowchart spec (YAML)")->required()->check(CLI::ExistingFile);
  compile->add_option("-o,--out", out_dir, "Output directory")->capture_default_str();
  compile->add_flag("--check", check_only, "Write nothing; exit 1 and list the files when the output directory is stale");
  compile->add_flag("-q,--quiet", quiet, "Print only errors");

  std::string name;
  CLI::App* explain = app.add_subcommand("explain", "Explain an alert or node: its path from the symptom, conditions, "
                                                    "runbook, diagnostics and the receiver it pages");
  explain->add_option("name", name, "An alert name or node id")->required();
  explain->add_option("spec", spec, "The flowchart spec (YAML); default $SYMPTREE_SPEC")
      ->envname("SYMPTREE_SPEC")
      ->required()
      ->check(CLI::ExistingFile);

  CoverageOptions coverage_options;
  CLI::App* coverage = app.add_subcommand("coverage", "Every branch with its alert, its promtool tests and their "
                                                      "outcome, and the manual steps; exit 1 when a test fails or "
                                                      "the tests could not run (promtool missing, timed out, killed)");
  coverage->add_option("spec", spec, "The flowchart spec (YAML)")->required()->check(CLI::ExistingFile);
  coverage->add_flag("--json", coverage_options.json, "Print JSON instead of a table");
  coverage->add_flag("!--no-run", coverage_options.run_tests, "List the tests without running promtool");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitSpecError;
  }
  CheckOptions options = check_options(spec, no_promtool, promtool);
  if (*check) return run_check(spec, options);
  coverage_options.promtool = promtool;
  if (*explain) {
    return run_report(spec, options, [&](const Compilation& c) { return print_explain(c, name, std::cout, std::cerr); });
  }
  if (*coverage) {
    return run_report(spec, options, [&](const Compilation& c) { return print_coverage(c, coverage_options, std::cout); });
  }
  return run_compile(spec, out_dir, check_only, quiet, options);
}
