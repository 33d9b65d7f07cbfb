// One rules file, one promtool run: rule r_<i> holds expression i as a YAML
// block scalar (so quotes, #, backslashes and newlines need no escaping).
#include "tests/promql/promtool_batch.h"

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace symptree::promql_test {

namespace {

void write_rules(const std::vector<std::string>& expressions, const std::string& path) {
  std::ofstream out(path);
  out << "groups:\n- name: differential\n  rules:\n";
  for (size_t i = 0; i < expressions.size(); ++i) {
    out << "  - record: r_" << i << "\n    expr: |2-\n";
    std::istringstream lines(expressions[i]);
    std::string line;
    bool any = false;
    while (std::getline(lines, line)) {
      out << "      " << line << "\n";
      any = true;
    }
    if (!any) out << "      \n";
  }
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string run(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  pclose(pipe);
  return output;
}

}  // namespace

std::vector<std::optional<std::string>> promtool_verdicts(const std::vector<std::string>& expressions,
                                                          const std::string& promtool, const std::string& work_dir) {
  std::string path = work_dir + "/differential.rules.yml";
  write_rules(expressions, path);
  std::string output = run("'" + promtool + "' check rules '" + path + "' 2>&1");
  std::vector<std::optional<std::string>> verdicts(expressions.size());
  static const std::regex rule_error("\"r_([0-9]+)\": (.*)");
  std::istringstream lines(output);
  std::string line;
  size_t errors = 0;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, rule_error)) continue;
    size_t index = std::stoul(m[1]);
    if (index >= expressions.size()) throw std::runtime_error("promtool names an unknown rule: " + line);
    if (!verdicts[index]) ++errors;
    verdicts[index] = m[2].str();
  }
  bool success = output.find("SUCCESS") != std::string::npos;
  if (!success && errors == 0) throw std::runtime_error("promtool failed as a whole:\n" + output);
  if (success && errors != 0) throw std::runtime_error("promtool reported success and errors:\n" + output);
  return verdicts;
}

}  // namespace symptree::promql_test
