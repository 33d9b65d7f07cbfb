// Rendering alerting rules as Prometheus rule-file YAML.
#include "generator/emit/rules_emitter.h"

#include "generator/emit/yaml_writer.h"
#include "generator/model/node_state_rules.h"

namespace symptree {
namespace {

void write_rule(YamlWriter& out, const AlertRule& rule) {
  out.item_entry(6, "alert", rule.name);
  out.entry(8, "expr", rule.expr);
  if (rule.for_duration.ms > 0) out.entry(8, "for", rule.for_duration.text);
  out.key(8, "labels");
  for (const auto& [name, value] : rule.labels) out.entry(10, name, value);
  out.key(8, "annotations");
  for (const auto& [name, text] : rule.annotations) out.entry(10, name, text);
}

void write_record(YamlWriter& out, const Model& model, const AlertPlan& alerts, const RecordingRule& record) {
  out.item_entry(6, "record", node_state_metric(model));
  out.entry(8, "expr", node_state_expr(model, alerts.rules[record.rule]));
  out.key(8, "labels");
  for (const auto& [name, value] : node_state_labels(model, record.node)) out.entry(10, name, value);
}

}  // namespace

std::string render_rules(const Model& model, const AlertPlan& alerts) {
  YamlWriter out;
  out.reserve(4096 + alerts.rules.size() * 4096);
  out.comment(generated_header(model, ""));
  out.key(0, "groups");
  // The plan keeps each group's rules together, in the order of `groups`.
  const std::string* group = nullptr;
  size_t next_record = 0;  // records follow their group's alerts
  auto write_records = [&](const std::string* of_group) {
    while (of_group && next_record < alerts.records.size() &&
           alerts.rules[alerts.records[next_record].rule].group == *of_group) {
      write_record(out, model, alerts, alerts.records[next_record++]);
    }
  };
  for (const AlertRule& rule : alerts.rules) {
    if (!group || *group != rule.group) {
      write_records(group);
      group = &rule.group;
      out.item_entry(2, "name", *group);
      out.key(4, "rules");
    }
    write_rule(out, rule);
  }
  write_records(group);
  return out.take();
}

}  // namespace symptree
