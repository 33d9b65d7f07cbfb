// The top of the spec: version, identity, then each section's reader.
#include "generator/reader/spec_loader.h"

#include <filesystem>

#include "generator/reader/alertmanager_reader.h"
#include "generator/reader/custom_fields_reader.h"
#include "generator/reader/deployment_reader.h"
#include "generator/reader/grafana_reader.h"
#include "generator/reader/include_reader.h"
#include "generator/reader/symptoms_reader.h"
#include "generator/reader/priority_reader.h"
#include "generator/reader/settings_reader.h"
#include "generator/reader/source_reader.h"

namespace symptree {
namespace {

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {
      "version", "service", "title",   "alert_prefix", "join_on",      "jobs",       "runbooks",  "priorities",
      "receivers", "host",  "app_metrics", "tests",    "absence",      "always_check", "escalation", "symptoms", "alertmanager",
      "grafana", "deployment", "include", "labels", "annotations", "sources"};
  return keys;
}

std::optional<Model> build_model(const YamlFile& file, Diagnostics& diagnostics) {
  Model model;
  model.spec_name = std::filesystem::path(file.path).filename().string();
  if (file.root.IsNull() || !file.root.IsDefined()) {
    diagnostics.error({file.path, 1, 1}, "the spec is empty", "start with `version: 1` and `service: <name>`");
    return std::nullopt;
  }
  MapReader top(file, file.root, "the spec", top_level_keys(), diagnostics);
  if (!top.valid()) return std::nullopt;
  if (std::optional<long long> version = top.integer("version", 1, 1000, true)) {
    if (*version != 1) {
      diagnostics.error(top.where("version"), "unsupported spec version " + std::to_string(*version),
                        "this symptree reads version 1");
    }
  }
  SectionSources shared(top);
  model.included_files = shared.included_paths();
  read_settings(top, model);
  read_sources(top, model);  // after read_settings: needs the jobs
  if (!shared.lost_with_an_include("priorities")) read_priorities(shared.reader_for("priorities"), model);
  if (!shared.lost_with_an_include("receivers")) read_receivers(shared.reader_for("receivers"), model);
  if (top.has("host")) model.host = read_host_config(file, top.get("host"), diagnostics);
  read_symptoms(top, model);
  // After the tree: no label of the spec's may be a join label of any node.
  read_custom_fields(top, model.all_join_labels(), model.labels, model.annotations, model.annotation_places);
  read_alertmanager(shared.reader_for("alertmanager"), model);
  read_grafana(top, model);
  read_deployment(top, model);  // after read_settings and read_symptoms: needs join_on and conditions
  return model;
}

}  // namespace

std::optional<Model> load_spec(const std::string& path, Diagnostics& diagnostics) {
  std::optional<YamlFile> file = load_yaml_file(path, diagnostics);
  if (!file) return std::nullopt;
  std::optional<Model> model = build_model(*file, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return model;
}

std::optional<Model> load_spec_text_partial(const std::string& path, const std::string& text,
                                            Diagnostics& diagnostics) {
  std::optional<YamlFile> file = parse_yaml_text(path, text, diagnostics);
  if (!file) return std::nullopt;
  return build_model(*file, diagnostics);
}

std::optional<Model> load_spec_text(const std::string& path, const std::string& text, Diagnostics& diagnostics) {
  std::optional<Model> model = load_spec_text_partial(path, text, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return model;
}

}  // namespace symptree
