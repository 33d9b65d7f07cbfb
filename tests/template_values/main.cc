// symptree_template_cases: writes a Prometheus rule file whose alerts each take
// one float64 value (NaN, infinities, -0, tiny, huge, durations, percentages)
// and render it through every template function symptree supports, and the
// promtool test file that expects symptree's own renderings
// (model/alert_template.h). tests/tools/template_values.sh runs promtool on
// them: any rendering that differs from Prometheus' fails.
//
//   symptree_template_cases OUT_DIR [--mutate]   (--mutate: one rendering changed, the test must fail)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "generator/model/alert_template.h"

namespace {

// The values, as PromQL literals that parse to exactly the float64 meant.
const std::vector<std::string>& values() {
  static const std::vector<std::string> list = {
      "0", "-0", "1", "-1", "0.5", "1.5", "2.5", "0.125", "0.1", "0.30000000000000004", "0.3333333333333333",
      "0.6666666666666666", "12", "999", "999.95", "1000", "1023", "1024", "1025", "100000", "123456",
      "999999", "999999.5", "1000000", "1234567", "1048576", "1.5e9", "1e10", "1e19", "1e20", "1e21", "1e22",
      "9.223372036854776e18", "1.7976931348623157e308", "0.0001", "0.00012345", "1e-05", "0.0009",
      "0.000999999", "5e-324", "2.2250738585072014e-308", "1e-30", "-0.004", "-123456.789", "0.93124",
      "0.999999", "0.99995", "12345.678", "59.999", "60", "61.5", "3599", "3600", "86399", "86400",
      "90061.7", "-90061.7", "0.25", "3.14159", "NaN", "Inf", "-Inf"};
  return list;
}

// Each template with the annotation name it gets.
const std::vector<std::pair<std::string, std::string>>& templates() {
  static const std::vector<std::pair<std::string, std::string>> list = {
      {"value", "{{ $value }}"},
      {"humanize", "{{ humanize $value }}"},
      {"humanize1024", "{{ $value | humanize1024 }}"},
      {"duration", "{{ humanizeDuration $value }}"},
      {"percentage", "{{ $value | humanizePercentage }}"},
      {"f", "{{ printf \"%f\" $value }}"},
      {"f2", "{{ printf \"%.2f\" $value }}"},
      {"f0", "{{ $value | printf \"%.0f\" }}"},
      {"F", "{{ printf \"%F\" $value }}"},
      {"e", "{{ printf \"%e\" $value }}"},
      {"e3", "{{ printf \"%.3e\" $value }}"},
      {"E", "{{ printf \"%E\" $value }}"},
      {"g", "{{ printf \"%g\" $value }}"},
      {"g3", "{{ printf \"%.3g\" $value }}"},
      {"g0", "{{ printf \"%.0g\" $value }}"},
      {"g10", "{{ printf \"%.10g\" $value }}"},
      {"G", "{{ printf \"%G\" $value }}"},
      {"v", "{{ printf \"%v\" $value }}"},
      {"mixed", "{{ printf \"%s at %v: %.1f%% (%s)\" $labels.host $value $value \"x\" }}"},
      {"text", "On {{ $labels.host }}: {{ \"{{\" }} {{ `raw\\n` }} }} {{ $value | printf \"%.3f\" | printf \"[%s]\" }}"},
  };
  return list;
}

std::string yaml_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: symptree_template_cases OUT_DIR [--mutate]\n";
    return 2;
  }
  std::string dir = argv[1];
  bool mutate = argc > 2 && std::string(argv[2]) == "--mutate";
  std::ofstream rules(dir + "/rules.yml"), tests(dir + "/values.test.yml");
  rules << "groups:\n  - name: template_values\n    rules:\n";
  tests << "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series: []\n"
           "    alert_rule_test:\n";
  std::map<std::string, std::string> labels = {{"host", "db-1"}};
  for (size_t i = 0; i < values().size(); ++i) {
    const std::string& literal = values()[i];
    double value = std::strtod(literal.c_str(), nullptr);  // strtod reads NaN, Inf and -Inf as PromQL does
    std::string alert = "Value" + std::to_string(i);
    rules << "      - alert: " << alert << "\n        expr: label_replace(vector(" << literal
          << "), \"host\", \"db-1\", \"\", \"\")\n        annotations:\n";
    tests << "      - eval_time: 0m\n        alertname: " << alert << "\n        exp_alerts:\n"
          << "          - exp_labels: {host: db-1}\n            exp_annotations:\n";
    for (const auto& [name, text] : templates()) {
      std::string rendered = symptree::expand_template(text, labels, value);
      if (mutate && i == 24 && name == "value") rendered += "0";  // 1234567: one digit too many
      rules << "          " << name << ": " << yaml_quote(text) << "\n";
      tests << "              " << name << ": " << yaml_quote(rendered) << "\n";
    }
  }
  return rules && tests ? 0 : 1;
}
