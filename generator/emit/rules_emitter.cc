// Rendering alerting rules as Prometheus rule-file YAML.
#include "generator/emit/rules_emitter.h"

#include "generator/emit/yaml_text.h"

namespace symptree {
namespace {

void emit_rule(YAML::Emitter& out, const AlertRule& rule) {
  out << YAML::BeginMap;
  out << YAML::Key << "alert" << YAML::Value << rule.name;
  out << YAML::Key << "expr" << YAML::Value;
  emit_text(out, rule.expr);
  if (rule.for_duration.ms > 0) out << YAML::Key << "for" << YAML::Value << rule.for_duration.text;
  out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : rule.labels) out << YAML::Key << name << YAML::Value << value;
  out << YAML::EndMap;
  out << YAML::Key << "annotations" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, text] : rule.annotations) {
    out << YAML::Key << name << YAML::Value;
    emit_text(out, text);
  }
  out << YAML::EndMap << YAML::EndMap;
}

}  // namespace

std::string render_rules(const Model& model, const AlertPlan& alerts) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
  for (const std::string& group : alerts.groups) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << group;
    out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (const AlertRule& rule : alerts.rules) {
      if (rule.group == group) emit_rule(out, rule);
    }
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return generated_header(model) + finish_yaml(out);
}

}  // namespace symptree
