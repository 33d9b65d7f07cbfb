// Rendering manifest.json.
#include "generator/emit/manifest.h"

#include <nlohmann/json.hpp>

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
  nlohmann::ordered_json manifest;
  manifest["generator"] = "symptree " SYMPTREE_VERSION;
  manifest["spec"] = model.spec_name;
  manifest["service"] = model.service;
  manifest["spec_sha256"] = sha256_hex(spec_text);
  manifest["files"] = files_object(outputs);
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const AlertRule& rule : alerts.rules) {
    nlohmann::ordered_json entry;
    entry["alert"] = rule.name;
    if (rule.node >= 0) entry["node"] = model.nodes[rule.node].id;
    else entry["absent_metric"] = rule.absent_metric;
    if (!rule.absent_matchers.empty()) entry["absent_selector"] = selector_text(rule.absent_metric, rule.absent_matchers);
    entry["priority"] = model.priorities[rule.priority].name;
    entry["tests"] = tests.cases_per_rule[rules.size()];
    rules.push_back(entry);
  }
  manifest["alerts"] = rules;
  nlohmann::ordered_json manual = nlohmann::ordered_json::array();
  for (const Node& node : model.nodes) {
    if (node.kind == NodeKind::Manual) manual.push_back({{"node", node.id}, {"reason", node.manual_reason}});
  }
  manifest["manual"] = manual;
  nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
  for (const SkippedCase& s : tests.skipped) skipped.push_back({{"alert", s.alert}, {"case", s.reason}});
  manifest["cases_that_cannot_occur"] = skipped;
  return manifest.dump(2) + "\n";
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
