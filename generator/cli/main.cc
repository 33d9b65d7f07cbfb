// The `symptree` command: check and compile flowchart specs.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>
#include <iostream>
#include <thread>

#include "common/build_info.h"
#include "common/join.h"
#include "common/process.h"
#include "common/termination_signals.h"
#include "common/yaml_reader.h"
#include "generator/cli/whole_number.h"
#include "generator/emit/output_interrupt.h"
#include "generator/pipeline/compiler.h"
#include "generator/pipeline/repository.h"
#include "generator/report/diagnostic_formats.h"
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
constexpr int kExitUsage = 64;    // bad command line (sysexits' EX_USAGE); the help follows the message

// The spec a command reads: a path, or "-" for standard input under `name`.
struct SpecInput {
  std::string arg;
  std::string name;  // as errors and outputs name it
  CheckOptions options;
};

// How promtool is run: --promtool, --no-promtool, --promtool-timeout (0: each use's default).
struct PromtoolOptions {
  std::string path = "promtool";
  bool skip = false;
  int timeout_seconds = 0;
};

SpecInput spec_input(const std::string& arg, const std::string& stdin_name, const PromtoolOptions& promtool) {
  SpecInput input{arg, arg == "-" ? stdin_name : arg, {}};
  input.options.spec_dir = std::filesystem::path(input.name).parent_path().string();
  if (input.options.spec_dir.empty()) input.options.spec_dir = ".";
  input.options.use_promtool = !promtool.skip;
  input.options.promtool = promtool.path;
  if (promtool.timeout_seconds > 0) input.options.promtool_timeout_seconds = promtool.timeout_seconds;
  return input;
}

// The usage error of a promtool named with --promtool that cannot be run, or "".
std::string named_promtool_error(const std::string& promtool) {
  if (find_in_path(promtool)) return "";
  std::string error = "--promtool " + promtool + ": ";
  if (promtool.find('/') == std::string::npos) return error + "not found on the PATH";
  std::error_code ignored;
  return error + (std::filesystem::exists(promtool, ignored) ? "not an executable file" : "no such file");
}

// What `check` says of specs that passed: "ok", `detail`, and whether promtool parsed their conditions.
std::string ok_line(const std::string& name, const std::string& promtool_skipped, const std::string& detail = "") {
  return name + ": ok" + detail +
         (promtool_skipped.empty() ? "" : " (conditions not parsed by promtool: " + promtool_skipped + ")");
}

// A compile ended by SIGINT, SIGTERM or SIGHUP removes its staging folder,
// after letting outputs being replaced be replaced whole
// (emit/output_interrupt.h), and exits 128 + the signal. Call before any
// thread starts (common/termination_signals.h).
void clean_up_on_signals() {
  exit_on_termination_signals([](int signal) {
    bool replaced = interrupt_outputs();
    std::cerr << "symptree: interrupted by " << signal_name(signal)
              << (replaced ? " after the outputs were written" : "; nothing was written") << std::endl;
  });
}

// All of standard input, up to the limit a spec file has.
std::optional<std::string> read_stdin(const std::string& name, Diagnostics& diagnostics) {
  std::string text;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(std::cin.gcount()));
    if (text.size() > kMaxYamlBytes) {
      diagnostics.error({name, 0, 0}, "standard input is over the limit of " + std::to_string(kMaxYamlBytes) + " bytes");
      return std::nullopt;
    }
  }
  if (std::cin.bad()) {
    diagnostics.error({name, 0, 0}, "cannot read standard input");
    return std::nullopt;
  }
  return text;
}

std::optional<Compilation> compile_input(const SpecInput& input, Diagnostics& diagnostics) {
  if (input.arg != "-") return compile_spec(input.arg, input.options, diagnostics);
  std::optional<std::string> text = read_stdin(input.name, diagnostics);
  if (!text) return std::nullopt;
  return compile_spec_text(input.name, *text, input.options, diagnostics);
}

void print_error_count(const Diagnostics& diagnostics, const std::string& name) {
  std::cerr << "symptree: " << diagnostics.count() << " error" << (diagnostics.count() == 1 ? "" : "s") << " in "
            << name << "; nothing was written\n";
}

std::optional<Compilation> compile_or_report(const SpecInput& input) {
  Diagnostics diagnostics;
  std::optional<Compilation> compilation = compile_input(input, diagnostics);
  if (!compilation) {
    std::cerr << diagnostics.format();
    print_error_count(diagnostics, input.name);
  }
  return compilation;
}

int run_check(const SpecInput& input, DiagnosticFormat format) {
  Diagnostics diagnostics;
  std::optional<Compilation> compilation = compile_input(input, diagnostics);
  if (format != DiagnosticFormat::Text) {
    std::cout << render_diagnostics(diagnostics, input.name, format);
  } else if (compilation) {
    std::cout << ok_line(input.name, compilation->promtool_skipped) << "\n" << render_summary(*compilation);
  } else {
    std::cerr << diagnostics.format();
  }
  if (!compilation) print_error_count(diagnostics, input.name);
  return compilation ? kExitOk : kExitSpecError;
}

std::string joined(const std::vector<std::string>& items) { return join(items, " "); }

// compile --check: exit 1 listing each file of `out_dir` that differs from `outputs`.
int check_outputs(const OutputSet& outputs, const std::string& out_dir, const std::string& specs, bool quiet,
                  bool report_unknown = false) {
  std::vector<std::string> differ = outputs.differences(out_dir, report_unknown);
  for (const std::string& path : differ) std::cerr << out_dir << "/" << path << "\n";
  if (!differ.empty()) {
    bool stray = std::any_of(differ.begin(), differ.end(),
                             [](const std::string& path) { return path.find("(not written by symptree") != std::string::npos; });
    std::cerr << "symptree: " << out_dir << " is stale: " << (stray ? "remove the files symptree did not write, then " : "")
              << "run `symptree compile " << specs << " -o " << out_dir << "` and commit the result\n";
    return kExitStale;
  }
  if (!quiet) std::cout << out_dir << " is up to date with " << specs << "\n";
  return kExitOk;
}

int run_compile(const SpecInput& input, const std::string& out_dir, bool check_only, bool quiet) {
  // Read while the spec compiles: for a large spec the old manifest is megabytes.
  std::future<PreviousManifest> reading = std::async(std::launch::async, read_previous_manifest, out_dir);
  SpecInput streamed = input;  // each file goes to a staging folder beside out_dir as it is rendered
  if (!check_only) streamed.options.stage_beside = out_dir;
  std::optional<Compilation> compilation = compile_or_report(streamed);
  if (!compilation) return kExitSpecError;
  const PreviousManifest previous = reading.get();
  // One output directory per service: writing another service's outputs over
  // these would remove every file its manifest lists.
  if (const std::vector<std::string>& services = previous.repository_services; !services.empty()) {
    std::cerr << "symptree: " << out_dir << " holds the outputs of a config repo (" << joined(services)
              << "); compiling '" << compilation->model.service << "' alone there would delete them. Compile the "
              << "repo's specs together (symptree compile SPECS_FOLDER -o " << out_dir << "), or choose another folder\n";
    return kExitIoError;
  }
  if (const std::string& owner = previous.service; !owner.empty() && owner != compilation->model.service) {
    std::cerr << "symptree: " << out_dir << " holds the outputs of service '" << owner << "'; compiling '"
              << compilation->model.service << "' there would delete them. Compile each service to a folder of its "
              << "own, e.g. -o generated/" << compilation->model.service << " beside -o generated/" << owner
              << ", or remove " << out_dir << " first\n";
    return kExitIoError;
  }
  if (check_only) return check_outputs(compilation->outputs, out_dir, input.name, quiet);
  if (std::string error = compilation->outputs.write(out_dir, previous); !error.empty()) {
    std::cerr << "symptree: " << error << "\n";
    return kExitIoError;
  }
  if (!quiet) std::cout << "compiled " << input.name << " -> " << out_dir << "/\n" << render_summary(*compilation);
  return kExitOk;
}

// Whether a file named `spec` is in the folder of one of the compiled specs.
bool spec_still_there(const RepositoryCompilation& repository, const std::string& spec) {
  for (const std::string& path : repository.spec_paths) {
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::path(path).parent_path() / spec, error)) return true;
  }
  return false;
}

// "service 'a'" or "services 'a', 'b'": those `previous` (the output folder's manifest) lists that
// `repository` does not compile though their specs are still there (a
// service whose spec was deleted goes, with its files).
std::string services_left_out(const RepositoryCompilation& repository, const PreviousManifest& previous) {
  std::vector<std::string> missing;
  for (const auto& [old, spec] : previous.repository_specs) {
    bool compiled = false;
    for (const Compilation& service : repository.services) compiled = compiled || service.model.service == old;
    if (!compiled && spec_still_there(repository, spec)) missing.push_back("'" + old + "'");
  }
  if (missing.empty()) return "";
  return (missing.size() == 1 ? "service " : "services ") + join(missing, ", ");
}

// The specs of a config repo compile, and its errors' count line.
std::optional<RepositoryCompilation> compile_repository_or_report(const std::vector<std::string>& arguments,
                                                                  const CheckOptions& options, DiagnosticFormat format,
                                                                  const std::string& name) {
  Diagnostics diagnostics;
  std::vector<std::string> specs = find_specs(arguments, diagnostics);
  std::optional<RepositoryCompilation> repository;
  if (!diagnostics.has_errors()) repository = compile_repository(specs, options, diagnostics);
  if (format != DiagnosticFormat::Text) std::cout << render_diagnostics(diagnostics, name, format);
  else if (!repository) std::cerr << diagnostics.format();
  if (!repository) {
    print_error_count(diagnostics, name);
  }
  return repository;
}

void print_repository_summary(const RepositoryCompilation& repository) {
  for (const Compilation& service : repository.services) {
    std::cout << "\n" << service.model.service << "/ (" << service.model.spec_name << ")\n" << render_summary(service);
  }
  for (const std::string& note : repository.notes) std::cout << "note: " << note << "\n";
}

int run_check_repository(const std::vector<std::string>& arguments, const CheckOptions& options,
                         DiagnosticFormat format) {
  std::optional<RepositoryCompilation> repository = compile_repository_or_report(arguments, options, format, joined(arguments));
  if (!repository) return kExitSpecError;
  if (format == DiagnosticFormat::Text) {
    std::cout << ok_line(joined(arguments), repository->services.front().promtool_skipped,
                         ", " + std::to_string(repository->services.size()) + " services")
              << "\n";
    print_repository_summary(*repository);
  }
  return kExitOk;
}

int run_compile_repository(const std::vector<std::string>& arguments, const CheckOptions& options,
                           const std::string& out_dir, bool check_only, bool quiet) {
  std::optional<RepositoryCompilation> repository =
      compile_repository_or_report(arguments, options, DiagnosticFormat::Text, joined(arguments));
  if (!repository) return kExitSpecError;
  const PreviousManifest previous = read_previous_manifest(out_dir);
  if (const std::string& owner = previous.service; !owner.empty()) {
    std::cerr << "symptree: " << out_dir << " holds the outputs of service '" << owner << "' alone; compiling "
              << "several specs there would delete them. Choose another folder, or remove " << out_dir << " first\n";
    return kExitIoError;
  }
  if (std::string missing = services_left_out(*repository, previous); !missing.empty()) {
    std::cerr << "symptree: " << out_dir << " holds the outputs of " << missing << ", whose spec is still beside "
              << "these but not among them; compiling would delete them. Compile every spec of the config repo (its "
              << "folder), or delete that spec to drop the service\n";
    return kExitIoError;
  }
  if (check_only) {
    return check_outputs(repository->outputs, out_dir, joined(arguments), quiet, /*report_unknown=*/true);
  }
  if (std::string error = repository->outputs.write(out_dir, previous); !error.empty()) {
    std::cerr << "symptree: " << error << "\n";
    return kExitIoError;
  }
  if (!quiet) {
    std::cout << "compiled " << repository->services.size() << " services -> " << out_dir << "/ (one Alertmanager: "
              << out_dir << "/" << kAlertmanagerConfigPath << ")\n";
    print_repository_summary(*repository);
  }
  return kExitOk;
}

// explain and coverage read the compiled spec; the SVG is not needed for them.
int run_report(SpecInput input, const std::function<int(const Compilation&)>& report) {
  input.options.use_dot = false;
  if (std::error_code error; std::filesystem::is_directory(input.arg, error)) {
    std::cerr << "symptree: " << input.arg << " is a folder; explain and coverage read one service's spec, e.g. "
              << (std::filesystem::path(input.arg) / "<service>.yaml").string() << "\n";
    return kExitUsage;
  }
  std::optional<Compilation> compilation = compile_or_report(input);
  return compilation ? report(*compilation) : kExitSpecError;
}

// The first word of the command line that is neither an option nor an
// option's value: the command the user asked for ("" when there is none).
std::string requested_command(const CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") return i + 1 < argc ? argv[i + 1] : "";
    if (arg.empty() || arg[0] != '-' || arg == "-") return arg;
    if (arg.find('=') != std::string::npos) continue;
    const CLI::Option* option = app.get_option_no_throw(arg);
    if (option != nullptr && option->get_items_expected_min() > 0) ++i;  // skip its value
  }
  return "";
}

// A usage error: the message, then the help of the command it concerns, on stderr.
int usage_error(const CLI::App& app, const std::string& message) {
  const CLI::App* command = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
  std::cerr << "symptree: " << message << "\n\n" << command->help();
  return kExitUsage;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

// "" when `command` is one of the app's commands, else the usage error to print.
std::string unknown_command_error(const CLI::App& app, const std::string& command) {
  std::vector<std::string> names = command_names(app);
  if (std::find(names.begin(), names.end(), command) != names.end()) return "";
  return "unknown command '" + command + "'; " + suggestion(command, names);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"symptree compiles a troubleshooting flowchart (Symptom -> Cause -> Runbook) into the monitoring "
               "that enforces it.",
               "symptree"};
  app.set_version_flag("--version", version_text("symptree", build_info()));
  app.set_help_all_flag("--help-all", "Print the help of every command and exit");
  app.require_subcommand(1);
  app.fallthrough();  // the global options also work after the command
  app.footer("A spec of - is read from standard input.\n"
             "Exit codes: 0 ok; 1 outputs are stale (compile --check); 2 the spec has errors, nothing written; "
             "3 the outputs could not be written; 64 usage error (bad command line); 130, 143, 129 compile "
             "interrupted by SIGINT, SIGTERM, SIGHUP (its staging folder removed).");
  PromtoolOptions promtool;
  std::string stdin_name = "<stdin>";
  app.add_flag("--no-promtool", promtool.skip, "Do not parse conditions with promtool even when it is installed");
  CLI::Option* promtool_option =
      app.add_option("--promtool", promtool.path, "promtool to parse conditions and run tests with; one named here "
                                                  "must exist (exit 64 otherwise)")
          ->capture_default_str();
  app.add_option("--promtool-timeout", promtool.timeout_seconds,
                 "Kill a promtool still running after SECONDS and fail (default: 60 for `promtool check rules` of "
                 "the conditions in check, compile, explain, coverage; 600 for each `promtool test rules` of coverage)")
      ->type_name("SECONDS")
      ->check(whole_number_at_least(1));
  app.add_option("--stdin-filename", stdin_name,
                 "The name errors give a spec read from standard input (-); its folder is where runbooks are found")
      ->capture_default_str();

  std::string spec, out_dir = "out", format_name = "text";
  std::vector<std::string> specs;
  bool check_only = false, quiet = false;
  CLI::App* check = app.add_subcommand("check", "Validate a spec: every error with file:line:column, nothing written");
  check->add_option("specs", specs, "The flowchart spec (YAML), or - for standard input; or a config repo's specs: "
                                    "a folder of them, or several files")
      ->required();
  check->add_option("--format", format_name, "How errors are printed: text (stderr), or on stdout json, github "
                                             "(workflow annotations) or checkstyle (XML)")
      ->check(CLI::IsMember(diagnostic_format_names()))
      ->capture_default_str();

  CLI::App* compile = app.add_subcommand("compile", "Compile a spec into Prometheus rules and their tests, Alertmanager config, "
                                         "Grafana dashboard, flowchart docs, exporter config and a manifest; with `deployment:`, "
                                         "prometheus.yml per replica and each Alertmanager peer's cluster flags");
  compile->add_option("specs", specs, "The flowchart spec (YAML), or - for standard input; or a config repo's specs "
                                      "(a folder of them, or several files), compiled into one tree with one "
                                      "Alertmanager config (README: a config repo)")
      ->required();
  compile->add_option("-o,--out", out_dir, "Output directory")->capture_default_str();
  compile->add_flag("--check", check_only, "Write nothing; exit 1 and list the files when the output directory is stale");
  compile->add_flag("-q,--quiet", quiet, "Print only errors");
  bool inline_paths = false;
  compile->add_flag("--inline-paths", inline_paths,
                    "Write each alert with every ancestor's condition inline instead of joining its parent's "
                    "record (the same alerts at depth times the cost; for equivalence tests and benchmarks)");

  std::string name;
  CLI::App* explain = app.add_subcommand("explain", "Explain an alert or node: its path from the symptom, conditions, "
                                                    "runbook, diagnostics and the receiver it pages");
  explain->add_option("name", name, "An alert name or node id")->required();
  explain->add_option("spec", spec, "The flowchart spec (YAML), or - for standard input; default $SYMPTREE_SPEC")
      ->envname("SYMPTREE_SPEC")
      ->required();

  CoverageOptions coverage_options;
  CLI::App* coverage = app.add_subcommand("coverage", "Every branch with its alert, its promtool tests and their "
                                                      "outcome, and the manual steps; exit 1 when a test fails or "
                                                      "the tests could not run (promtool missing, timed out, killed)");
  coverage->add_option("spec", spec, "The flowchart spec (YAML), or - for standard input")->required();
  coverage->add_flag("--json", coverage_options.json, "Print JSON instead of a table");
  coverage->add_flag("!--no-run", coverage_options.run_tests, "List the tests without running promtool");
  coverage_options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  coverage->add_option("-j,--jobs", coverage_options.jobs, "promtool processes at once, one test file each in turn")
      ->capture_default_str()
      ->check(whole_number_at_least(1));

  std::string command = requested_command(app, argc, argv);
  if (!command.empty()) {
    if (std::string error = unknown_command_error(app, command); !error.empty()) return usage_error(app, error);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
    if (command.empty() && app.get_subcommands().empty()) return usage_error(app, "a command is required");
    return usage_error(app, e.what());
  }
  while (out_dir.size() > 1 && out_dir.back() == '/') out_dir.pop_back();  // "generated/" prints as "generated"
  if (promtool_option->count() > 0) {
    if (std::string error = named_promtool_error(promtool.path); !error.empty()) return usage_error(app, error);
  }
  if (*compile && !check_only) clean_up_on_signals();
  if ((*check || *compile) && is_repository(specs)) {
    if (std::find(specs.begin(), specs.end(), "-") != specs.end()) {
      return usage_error(app, "- (standard input) is one spec; it cannot be compiled with others");
    }
    CheckOptions options = spec_input(specs.front(), stdin_name, promtool).options;
    if (inline_paths) options.path_form = PathForm::Inline;
    if (*check) return run_check_repository(specs, options, *parse_diagnostic_format(format_name));
    return run_compile_repository(specs, options, out_dir, check_only, quiet);
  }
  if (*check || *compile) spec = specs.front();
  SpecInput input = spec_input(spec, stdin_name, promtool);
  if (inline_paths) input.options.path_form = PathForm::Inline;
  if (*check) return run_check(input, *parse_diagnostic_format(format_name));
  coverage_options.promtool = promtool.path;
  if (promtool.timeout_seconds > 0) coverage_options.timeout_seconds = promtool.timeout_seconds;
  if (*explain) {
    return run_report(input, [&](const Compilation& c) { return print_explain(c, name, std::cout, std::cerr); });
  }
  if (*coverage) {
    return run_report(input, [&](const Compilation& c) { return print_coverage(c, coverage_options, std::cout); });
  }
  return run_compile(input, out_dir, check_only, quiet);
}
