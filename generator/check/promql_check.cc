// Conditions parse with the real PromQL parser: promtool check rules on a
// scratch file holding one recording rule per condition.
#include "generator/check/promql_check.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "common/process.h"
#include "common/quoting.h"

namespace symptree {
namespace {

// Writes the conditions as recording rules n<node index>; returns the file's path.
std::string write_scratch_rules(const Model& model) {
  char path[] = "/tmp/symptree-promql-XXXXXX.yml";
  int fd = mkstemps(path, 4);
  if (fd < 0) return "";
  close(fd);
  std::ofstream out(path);
  out << "groups:\n- name: symptree-check\n  rules:\n";
  for (size_t i = 0; i < model.nodes.size(); ++i) {
    if (!model.nodes[i].when || !model.nodes[i].when->analysis.ast) continue;  // symptree's parser reported it
    out << "  - record: n" << i << "\n    expr: " << yaml_double_quote(model.nodes[i].when->expr) << "\n";
  }
  return path;
}

}  // namespace

void check_promql(const Model& model, const std::string& promtool, Diagnostics& diagnostics, int timeout_seconds) {
  std::string path = write_scratch_rules(model);
  if (path.empty()) return;
  ProcessResult result = run_process({promtool, "check", "rules", path}, timeout_seconds);
  std::remove(path.c_str());
  if (result.exit_code == 0) return;
  // e.g.: group "symptree-check", rule 2, "n7": could not parse expression: 1:14: parse error: unexpected ...
  static const std::regex error_line(R"x("n(\d+)": could not parse expression: (\d+):(\d+): (.*))x");
  bool reported = false;
  for (std::sregex_iterator it(result.output.begin(), result.output.end(), error_line), end; it != end; ++it) {
    size_t index = std::stoul((*it)[1]);
    if (index >= model.nodes.size() || !model.nodes[index].when) continue;
    const Condition& condition = *model.nodes[index].when;
    int line = std::stoi((*it)[2]), column = std::stoi((*it)[3]);
    SourcePosition where = line == 1 ? condition.position_at(static_cast<size_t>(column - 1)) : condition.where;
    diagnostics.error(where, "'when' of '" + model.nodes[index].id + "' is not valid PromQL: " + (*it)[4].str());
    reported = true;
  }
  if (result.timed_out) {
    diagnostics.error({model.spec_name, 0, 0},
                      "`" + promtool + " check rules` did not finish within " + std::to_string(timeout_seconds) +
                          " s and was killed: the conditions were not checked",
                      "run again, with a larger --promtool-timeout SECONDS, or pass --no-promtool to skip the check");
  } else if (!reported) {
    diagnostics.error({model.spec_name, 0, 0}, "promtool rejected the conditions:\n" + result.output);
  }
}

}  // namespace symptree
