// The coverage table of a compiled spec.
#include "generator/report/coverage.h"

#include <algorithm>
#include <sstream>

namespace symptree {
namespace {

std::string outcome_of(const CoverageRow& row, const TestOutcomes& outcomes) {
  if (row.tests == 0) return "untested";
  if (!outcomes.ran) return "not run";
  if (!outcomes.error.empty()) return "error";
  // promtool reports failed checks (an alert expected at one time), several per case: say so, not "3 of 2".
  if (row.failed > 0) {
    return "failed: " + std::to_string(row.failed) + " failed check" + (row.failed == 1 ? "" : "s") + " in its " +
           std::to_string(row.tests) + " case" + (row.tests == 1 ? "" : "s");
  }
  return "passed";
}

CoverageRow node_row(const Compilation& c, int index, const TestOutcomes& outcomes) {
  const Node& node = c.model.nodes[index];
  CoverageRow row;
  row.node = index;
  row.label = node.title;
  row.depth = node.depth;
  row.priority = node.priority >= 0 ? c.model.priority_of(index).name : "";
  if (node.kind == NodeKind::Manual) {
    row.kind = "manual";
    row.outcome = "manual: " + node.manual_reason;
  } else if (node.kind == NodeKind::Group) {
    row.kind = "group";
    row.outcome = "groups its causes";
  } else {
    size_t rule = c.alerts.rule_by_node.at(index);
    row.kind = "alert";
    row.alert = c.alerts.rules[rule].name;
    row.tests = c.tests.cases_per_rule[rule];
    auto failed = outcomes.failed_by_alert.find(row.alert);
    row.failed = failed == outcomes.failed_by_alert.end() ? 0 : failed->second;
    row.outcome = outcome_of(row, outcomes);
  }
  return row;
}

// Display width of UTF-8 text: one column a code point.
size_t width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string padded(const std::string& text, size_t columns) {
  size_t w = width(text);
  return text + std::string(columns > w ? columns - w : 0, ' ');
}

std::string tests_header(const TestOutcomes& outcomes, size_t cases) {
  if (!outcomes.ran) return "tests: " + std::to_string(cases) + " promtool cases; NOT RUN: " + outcomes.not_run_reason;
  if (!outcomes.error.empty()) return "tests: promtool test rules failed without naming a test:\n" + outcomes.error;
  return "tests: " + std::to_string(cases) + " promtool cases run, " + std::to_string(outcomes.failed) + " failed checks";
}

}  // namespace

std::vector<CoverageRow> coverage_rows(const Compilation& c, const TestOutcomes& outcomes) {
  std::vector<CoverageRow> rows;
  for (size_t i = 0; i < c.model.nodes.size(); ++i) rows.push_back(node_row(c, static_cast<int>(i), outcomes));
  for (size_t i = 0; i < c.alerts.rules.size(); ++i) {
    const AlertRule& rule = c.alerts.rules[i];
    if (rule.node >= 0) continue;
    CoverageRow row;
    row.label = "metric " + selector_text(rule.absent_metric, rule.absent_matchers) + " absent";
    row.kind = "absence";
    row.alert = rule.name;
    row.priority = c.model.priorities[rule.priority].name;
    row.tests = c.tests.cases_per_rule[i];
    auto failed = outcomes.failed_by_alert.find(rule.name);
    row.failed = failed == outcomes.failed_by_alert.end() ? 0 : failed->second;
    row.outcome = outcome_of(row, outcomes);
    rows.push_back(std::move(row));
  }
  return rows;
}

bool coverage_ok(const std::vector<CoverageRow>& rows) {
  return std::none_of(rows.begin(), rows.end(), [](const CoverageRow& row) {
    return row.outcome == "untested" || row.outcome == "error" || row.failed > 0;
  });
}

std::string coverage_text(const Compilation& c, const TestOutcomes& outcomes) {
  std::vector<CoverageRow> rows = coverage_rows(c, outcomes);
  std::vector<std::string> labels;
  size_t label_width = 6, alert_width = 5;
  for (const CoverageRow& row : rows) {
    labels.push_back(std::string(2 * row.depth, ' ') + row.label);
    label_width = std::max(label_width, width(labels.back()));
    alert_width = std::max(alert_width, width(row.alert));
  }
  std::ostringstream out;
  out << "coverage of " << c.model.spec_name << "\n" << tests_header(outcomes, c.tests.case_count) << "\n\n";
  out << padded("branch", label_width) << "  " << padded("alert", alert_width) << "  priority  tests  outcome\n";
  int alerts = 0, manual = 0, tested = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const CoverageRow& row = rows[i];
    std::string alert = row.alert.empty() ? "-" : row.alert;
    std::string tests = row.kind == "alert" || row.kind == "absence" ? std::to_string(row.tests) : "-";
    out << padded(labels[i], label_width) << "  " << padded(alert, alert_width) << "  " << padded(row.priority, 8)
        << "  " << padded(tests, 5) << "  " << row.outcome << "\n";
    alerts += row.kind == "alert";
    manual += row.kind == "manual";
    tested += row.kind == "alert" && row.tests > 0;
  }
  out << "\n" << alerts << " branches enforced by an alert (" << tested << " with tests), " << manual << " manual; ";
  if (outcomes.ran) {
    out << outcomes.failed << " failed checks\n";
    if (!outcomes.report.empty()) out << "\npromtool's report of the failures:\n" << outcomes.report;
  } else {
    out << "all " << c.tests.case_count << " test cases NOT RUN (" << outcomes.not_run_reason << ")\n";
  }
  return out.str();
}

nlohmann::json coverage_json(const Compilation& c, const TestOutcomes& outcomes) {
  nlohmann::json rows = nlohmann::json::array();
  for (const CoverageRow& row : coverage_rows(c, outcomes)) {
    nlohmann::json item = {{"kind", row.kind}, {"title", row.label}, {"depth", row.depth},
                           {"priority", row.priority}, {"outcome", row.outcome}};
    if (row.node >= 0) {
      item["node"] = c.model.nodes[row.node].id;
      item["path"] = c.model.path_text(row.node);
      if (c.model.nodes[row.node].runbook) item["runbook_url"] = c.model.nodes[row.node].runbook->url;
    }
    if (!row.alert.empty()) {
      item["alert"] = row.alert;
      item["tests"] = row.tests;
      item["failed"] = row.failed;
    }
    rows.push_back(std::move(item));
  }
  nlohmann::json promtool = {{"ran", outcomes.ran}, {"cases", c.tests.case_count}, {"failed", outcomes.failed}};
  if (!outcomes.ran) promtool["not_run_reason"] = outcomes.not_run_reason;
  if (!outcomes.error.empty()) promtool["error"] = outcomes.error;
  if (!outcomes.report.empty()) promtool["report"] = outcomes.report;
  return {{"spec", c.model.spec_name}, {"tests", promtool}, {"rows", rows}};
}

}  // namespace symptree
