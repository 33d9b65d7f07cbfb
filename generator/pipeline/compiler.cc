// The compile pipeline: runs the stages in order into one Compilation.
#include "generator/pipeline/compiler.h"

#include <exception>
#include <functional>
#include <thread>

#include "common/parallel_tasks.h"
#include "generator/check/alertmanager_check.h"
#include "generator/emit/docs_outputs.h"
#include "generator/emit/manifest.h"
#include "generator/emit/yaml_writer.h"
#include "generator/model/routing.h"
#include "generator/pipeline/side_outputs.h"
#include "generator/pipeline/test_files.h"
#include "generator/reader/spec_loader.h"

namespace symptree {

std::optional<Compilation> compile_spec_text(const std::string& spec_path, const std::string& text,
                                             const CheckOptions& options, Diagnostics& diagnostics) {
  std::optional<Model> model = load_spec_text_partial(spec_path, text, diagnostics);
  if (!model) return std::nullopt;
  Compilation result;
  result.model = std::move(*model);
  // The alerts and routes are planned on the checks' threads (not when the
  // reader found errors). What planning a rejected model threw goes unused:
  // the checks' errors say what is wrong.
  std::exception_ptr planning_failed;
  std::function<void()> plan = [&result, &options, &planning_failed] {
    try {
      result.alerts = plan_alerts(result.model, options.path_form);
      result.routes = build_route_tree(result.model);
    } catch (...) {
      planning_failed = std::current_exception();
    }
  };
  // The checks run after the reader's errors too: all errors in one run.
  check_model(result.model, options, diagnostics, diagnostics.has_errors() ? nullptr : plan);
  if (diagnostics.has_errors()) return std::nullopt;
  if (planning_failed) std::rethrow_exception(planning_failed);
  if (!options.stage_beside.empty()) result.outputs.stage_beside(options.stage_beside);  // else, or failing, in memory
  result.promtool_skipped = promtool_skipped(options);
  if (options.use_promtool && !result.promtool_skipped.empty()) {
    result.notes.push_back("conditions not parsed by promtool: " + result.promtool_skipped +
                           " (symptree's own PromQL parser read them)");
  }
  check_alertmanager(result.model, result.alerts, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  // The side outputs and the test groups share the cores, the longest tasks first.
  SideOutputsJob side_outputs(result.model, result.alerts, result.routes, result.outputs);
  TestFilesJob test_files(result.model, result.alerts, result.outputs);
  std::vector<std::function<void()>> tasks = side_outputs.tasks();
  for (std::function<void()>& task : test_files.tasks()) tasks.push_back(std::move(task));
  run_parallel_tasks(tasks, std::thread::hardware_concurrency());
  std::optional<TestPlan> tests = test_files.finish(result.outputs, diagnostics);
  if (!tests) return std::nullopt;
  result.tests = std::move(*tests);
  result.outputs.add(kExporterConfigPath, "# " + generated_header(result.model, "") +
                                              "\n# Run on each host: symptree-exporter --config exporter.yml\n" +
                                              render_host_config(result.model.host));
  side_outputs.finish(result.outputs, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  result.outputs.add(kManifestName,
                     render_manifest(result.model, result.alerts, result.tests, result.outputs, text));
  add_flowchart_svg(result.model, options.dot, options.use_dot, result.outputs, result.notes);  // after the manifest: see docs_outputs.h
  return result;
}

std::optional<Compilation> compile_spec(const std::string& spec_path, const CheckOptions& options,
                                        Diagnostics& diagnostics) {
  std::optional<std::string> text = read_text_file(spec_path, diagnostics);
  if (!text) return std::nullopt;
  return compile_spec_text(spec_path, *text, options, diagnostics);
}

}  // namespace symptree
