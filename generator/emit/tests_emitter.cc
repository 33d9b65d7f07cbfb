// Rendering the test plan for `promtool test rules`.
#include "generator/emit/tests_emitter.h"

#include "generator/emit/yaml_text.h"

namespace symptree {
namespace {

void emit_string_map(YAML::Emitter& out, const std::map<std::string, std::string>& values) {
  out << YAML::BeginMap;
  for (const auto& [key, value] : values) {
    out << YAML::Key << key << YAML::Value;
    emit_text(out, value);
  }
  out << YAML::EndMap;
}

void emit_check(YAML::Emitter& out, const AlertCheck& check) {
  out << YAML::BeginMap;
  out << YAML::Key << "eval_time" << YAML::Value << format_duration(check.eval_ms);
  out << YAML::Key << "alertname" << YAML::Value << check.alertname;
  out << YAML::Key << "exp_alerts" << YAML::Value;
  if (check.expected.empty()) {
    out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
  } else {
    out << YAML::BeginSeq;
    for (const ExpectedAlert& alert : check.expected) {
      out << YAML::BeginMap << YAML::Key << "exp_labels" << YAML::Value;
      emit_string_map(out, alert.labels);
      out << YAML::Key << "exp_annotations" << YAML::Value;
      emit_string_map(out, alert.annotations);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

void emit_case(YAML::Emitter& out, const Model& model, const TestCase& test) {
  out << YAML::Comment(test.alert + ": " + test.title);
  out << YAML::BeginMap;
  out << YAML::Key << "interval" << YAML::Value << model.test_interval.text;
  out << YAML::Key << "input_series" << YAML::Value << YAML::BeginSeq;
  for (const TestSeries& series : test.series) {
    out << YAML::BeginMap << YAML::Key << "series" << YAML::Value << YAML::SingleQuoted << series.selector();
    out << YAML::Key << "values" << YAML::Value << YAML::SingleQuoted << series.values << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "alert_rule_test" << YAML::Value << YAML::BeginSeq;
  for (const AlertCheck& check : test.checks) emit_check(out, check);
  out << YAML::EndSeq << YAML::EndMap;
}

}  // namespace

std::string render_rule_tests(const Model& model, const TestPlan& plan, const std::string& rule_file) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "rule_files" << YAML::Value << YAML::BeginSeq << rule_file << YAML::EndSeq;
  out << YAML::Key << "evaluation_interval" << YAML::Value << model.test_interval.text;
  out << YAML::Key << "tests" << YAML::Value << YAML::BeginSeq;
  for (const TestCase& test : plan.cases) emit_case(out, model, test);
  out << YAML::EndSeq << YAML::EndMap;
  std::string skipped;
  for (const SkippedCase& s : plan.skipped) skipped += "# not tested, cannot occur: " + s.alert + ": " + s.reason + "\n";
  return generated_header(model) + skipped + finish_yaml(out);
}

}  // namespace symptree
