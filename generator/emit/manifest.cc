// Rendering manifest.json.
#include "generator/emit/manifest.h"

#include <nlohmann/json.hpp>

#include "common/json_writer.h"

namespace symptree {
namespace {

// {"path": "sha256", ...} in path order. The paths are unique, so each is
// appended: ordered_json's operator[] searches the keys first, which made
// this quadratic in the number of files.
nlohmann::ordered_json files_object(const OutputSet& outputs) {
  nlohmann::ordered_json files = nlohmann::ordered_json::object();
  auto& entries = files.get_ref<nlohmann::ordered_json::object_t&>();
  for (const auto& [path, hash] : outputs.hashes()) entries.emplace_back(path, hash);
  return files;
}

}  // namespace

std::string render_manifest(const Model& model, const AlertPlan& alerts, const TestPlan& tests,
                            const OutputSet& outputs, const std::string& spec_text) {
  std::string text;
  JsonWriter json(text);  // written as it goes: a 10,000-branch spec's manifest is megabytes
  json.begin_object();
  json.field("generator", "symptree " SYMPTREE_VERSION);
  json.field("spec", model.spec_name);
  json.field("service", model.service);
  json.field("spec_sha256", sha256_hex(spec_text));
  json.key("files");
  json.begin_object();
  for (const auto& [path, hash] : outputs.hashes()) json.field(path, hash);
  json.end_object();
  json.key("alerts");
  json.begin_array();
  for (size_t index = 0; index < alerts.rules.size(); ++index) {
    const AlertRule& rule = alerts.rules[index];
    json.begin_object();
    json.field("alert", rule.name);
    if (rule.node >= 0) json.field("node", model.nodes[rule.node].id);
    else json.field("absent_metric", rule.absent_metric);
    if (!rule.absent_matchers.empty()) json.field("absent_selector", selector_text(rule.absent_metric, rule.absent_matchers));
    json.field("priority", model.priorities[rule.priority].name);
    json.field("tests", static_cast<int64_t>(tests.cases_per_rule[index]));
    json.end_object();
  }
  json.end_array();
  json.key("manual");
  json.begin_array();
  for (const Node& node : model.nodes) {
    if (node.kind != NodeKind::Manual) continue;
    json.begin_object();
    json.field("node", node.id);
    json.field("reason", node.manual_reason);
    json.end_object();
  }
  json.end_array();
  json.key("cases_that_cannot_occur");
  json.begin_array();
  for (const SkippedCase& skipped : tests.skipped) {
    json.begin_object();
    json.field("alert", skipped.alert);
    json.field("case", skipped.reason);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  text += '\n';
  return text;
}

std::string render_repository_manifest(const std::vector<RepositoryService>& services, const OutputSet& outputs) {
  nlohmann::ordered_json manifest;
  manifest["generator"] = "symptree " SYMPTREE_VERSION;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const RepositoryService& service : services) {
    nlohmann::ordered_json own = nlohmann::ordered_json::parse(service.manifest);
    nlohmann::ordered_json entry;
    entry["folder"] = service.folder;
    for (auto& [key, value] : own.items()) {
      if (key != "generator" && key != "files") entry[key] = value;
    }
    list.push_back(entry);
  }
  manifest["services"] = list;
  manifest["files"] = files_object(outputs);
  return manifest.dump(2) + "\n";
}

}  // namespace symptree
