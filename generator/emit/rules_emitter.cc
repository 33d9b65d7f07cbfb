// Rendering alerting and recording rules as Prometheus rule files.
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

void write_record(YamlWriter& out, const Model& model, const AlertRule& alert) {
  out.item_entry(6, "record", node_state_metric(model, alert.node));
  out.entry(8, "expr", node_state_expr(model, alert));
  out.key(8, "labels");
  for (const auto& [name, value] : node_state_labels(model, alert.node)) out.entry(10, name, value);
}

// One group's file: rules [first, last) of the plan, all of group `name`.
std::string render_group(const Model& model, const AlertPlan& alerts, size_t first, size_t last) {
  YamlWriter out;
  out.reserve(1024 + (last - first) * 4096);
  out.comment(generated_header(model, ""));
  out.key(0, "groups");
  out.item_entry(2, "name", alerts.rules[first].group);
  out.key(4, "rules");
  for (size_t i = first; i < last; ++i) {
    if (alerts.rules[i].node >= 0) write_record(out, model, alerts.rules[i]);
  }
  for (size_t i = first; i < last; ++i) write_rule(out, alerts.rules[i]);
  return out.take();
}

}  // namespace

std::string rule_file_path(const std::string& group) { return "prometheus/rules/" + group + ".yml"; }

void render_rule_files(const Model& model, const AlertPlan& alerts, const RuleFileSink& add) {
  // The plan keeps each group's rules together, in the order of `groups`.
  for (size_t first = 0; first < alerts.rules.size();) {
    size_t last = first;
    while (last < alerts.rules.size() && alerts.rules[last].group == alerts.rules[first].group) ++last;
    add(rule_file_path(alerts.rules[first].group), render_group(model, alerts, first, last));
    first = last;
  }
}

}  // namespace symptree
