// Rendering the test plan for `promtool test rules`.
#include "generator/emit/tests_emitter.h"

#include "generator/emit/yaml_writer.h"

namespace symptree {
namespace {

void write_check(YamlWriter& out, const AlertCheck& check) {
  out.item_entry(6, "eval_time", format_duration(check.eval_ms));
  out.entry(8, "alertname", check.alertname);
  if (check.expected.empty()) {
    out.empty_list(8, "exp_alerts");
    return;
  }
  out.key(8, "exp_alerts");
  for (const ExpectedAlert& alert : check.expected) {
    out.item_key(10, "exp_labels");
    out.string_map(14, alert.labels);
    out.key(12, "exp_annotations");
    out.string_map(14, alert.annotations);
  }
}

void write_expr_check(YamlWriter& out, const ExprCheck& check) {
  out.item_entry(6, "expr", check.expr);
  out.entry(8, "eval_time", format_duration(check.eval_ms));
  if (check.samples.empty()) {
    out.empty_list(8, "exp_samples");
    return;
  }
  out.key(8, "exp_samples");
  for (const auto& [labels, value] : check.samples) {
    out.item_entry(10, "labels", labels);
    out.number_entry(12, "value", value);
  }
}

void write_case(YamlWriter& out, const Model& model, const TestCase& test) {
  out.item_entry(2, "name", test.alert + ": " + test.title);
  out.entry(4, "interval", model.test_interval.text);
  out.key(4, "input_series");
  for (const TestSeries& series : test.series) {
    out.item_entry(6, "series", series.selector);
    out.entry(8, "values", series.values);
  }
  out.key(4, "alert_rule_test");
  for (const AlertCheck& check : test.checks) write_check(out, check);
  if (test.expr_checks.empty()) return;
  out.key(4, "promql_expr_test");
  for (const ExprCheck& check : test.expr_checks) write_expr_check(out, check);
}

}  // namespace

RuleTestsWriter::RuleTestsWriter(const Model& model, const std::vector<std::string>& rule_files, size_t expected_cases)
    : model_(model) {
  out_.reserve(4096 + expected_cases * 4096);
  out_.comment(generated_header(model, ""));
  out_.key(0, "rule_files");
  for (const std::string& rule_file : rule_files) out_.item(2, rule_file);
  out_.entry(0, "evaluation_interval", model.test_interval.text);
  out_.key(0, "tests");
}

void RuleTestsWriter::add(const TestCase& test) { write_case(out_, model_, test); }

std::string rule_test_file_path(const std::string& group) { return "prometheus/tests/" + group + ".test.yml"; }

std::string RuleTestsWriter::finish(const TestPlan& plan) {
  for (const SkippedCase& s : plan.skipped) out_.comment("not tested, cannot occur: " + s.alert + ": " + s.reason);
  return out_.take();
}

}  // namespace symptree
