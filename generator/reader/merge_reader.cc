// The merge file: hand-written routes, receivers, inhibit rules and sections
// that symptree adds to the generated Alertmanager configuration. It is
// checked as the spec is: known keys, known receivers, current matcher syntax,
// no inline secrets.
#include "generator/reader/merge_reader.h"

#include <algorithm>
#include <filesystem>

#include "common/duration_field.h"
#include "common/quoting.h"
#include "generator/model/am_matcher.h"
#include "generator/model/receiver_schema.h"
#include "generator/reader/names.h"

namespace symptree {
namespace {

const std::vector<std::string>& merge_keys() {
  static const std::vector<std::string> keys = {"routes",         "receivers", "inhibit_rules", "time_intervals",
                                                "mute_time_intervals", "templates", "global"};
  return keys;
}

// A scalar as it reads back: plain scalars as written, quoted ones re-quoted.
std::string scalar_text(const YamlNode& node) {
  if (node.IsNull()) return "null";
  if (node.Tag() == "!" || node.Scalar().find('\n') != std::string::npos) return yaml_inline_scalar(node.Scalar());
  return node.Scalar();
}

// Block-style YAML for a hand-written node; `first` replaces the indentation of the first line.
void render_node(const YamlNode& node, int indent, std::string first, std::string& out) {
  std::string pad(indent, ' ');
  if (node.IsMap() && node.size() > 0) {
    for (const auto& entry : node) {
      out += (first.empty() ? pad : first) + scalar_text(entry.first) + ":";
      first.clear();
      const YamlNode& value = entry.second;
      if ((value.IsMap() || value.IsSequence()) && value.size() > 0) {
        out += "\n";
        render_node(value, indent + 2, "", out);
      } else {
        out += " " + (value.IsMap() ? "{}" : value.IsSequence() ? "[]" : scalar_text(value)) + "\n";
      }
    }
  } else if (node.IsSequence() && node.size() > 0) {
    for (const YamlNode& item : node) {
      std::string dash = (first.empty() ? pad : first) + "- ";
      first.clear();
      if ((item.IsMap() || item.IsSequence()) && item.size() > 0) {
        render_node(item, indent + 2, dash, out);
      } else {
        out += dash + (item.IsMap() ? "{}" : item.IsSequence() ? "[]" : scalar_text(item)) + "\n";
      }
    }
  } else {
    out += (first.empty() ? pad : first) + (node.IsMap() ? "{}" : node.IsSequence() ? "[]" : scalar_text(node)) + "\n";
  }
}

std::vector<AmMatcher> read_matchers(const MapReader& map, const std::string& key) {
  std::vector<AmMatcher> matchers;
  YamlNode list = map.sequence(key);
  if (!list.IsDefined()) return matchers;
  for (const YamlNode& item : list) {
    std::optional<std::string> text = read_scalar(map.file(), item, "a matcher", map.diagnostics());
    if (!text) continue;
    std::string error;
    if (std::optional<AmMatcher> matcher = parse_matcher(*text, error)) {
      matcher->where = map.file().position(item);
      matchers.push_back(*matcher);
    } else {
      map.diagnostics().error(map.file().position(item), "bad matcher '" + *text + "': " + error,
                              "write label=\"value\", label!=\"value\", label=~\"regex\" or label!~\"regex\"");
    }
  }
  return matchers;
}

// `match`, `source_match` ... still parse in Alertmanager 0.25 but are deprecated.
void reject_deprecated(const MapReader& map, const std::vector<std::pair<std::string, std::string>>& replaced) {
  for (const auto& [old_key, new_key] : replaced) {
    if (!map.has(old_key)) continue;
    map.diagnostics().error(map.where(old_key), "'" + old_key + "' is deprecated in Alertmanager",
                            "use '" + new_key + "' with matchers such as ['severity=\"critical\"']");
  }
}

AmInhibitRule read_inhibit_rule(const YamlFile& file, const YamlNode& node, Diagnostics& diagnostics) {
  AmInhibitRule rule;
  rule.where = file.position(node);
  MapReader map(file, node, "an inhibit rule",
                {"source_matchers", "target_matchers", "equal", "source_match", "source_match_re", "target_match",
                 "target_match_re"},
                diagnostics);
  if (!map.valid()) return rule;
  reject_deprecated(map, {{"source_match", "source_matchers"}, {"source_match_re", "source_matchers"},
                          {"target_match", "target_matchers"}, {"target_match_re", "target_matchers"}});
  rule.source = read_matchers(map, "source_matchers");
  rule.target = read_matchers(map, "target_matchers");
  rule.equal = map.string_list("equal");
  for (const char* key : {"source_matchers", "target_matchers"}) {
    if (!map.has(key)) {
      diagnostics.error(map.where(), std::string("an inhibit rule needs '") + key + "'",
                        "without it the rule matches every alert");
    }
  }
  return rule;
}

// Reports inline secrets anywhere inside a receiver's `<kind>_configs`.
void check_secrets(const YamlFile& file, const YamlNode& node, const std::string& config_list,
                   Diagnostics& diagnostics) {
  if (node.IsSequence()) {
    for (const YamlNode& item : node) check_secrets(file, item, config_list, diagnostics);
    return;
  }
  if (!node.IsMap()) return;
  for (const auto& entry : node) {
    std::string use = secret_replacement(config_list, entry.first.Scalar());
    if (!use.empty() && entry.second.IsScalar()) {
      diagnostics.error(file.position(entry.first), "'" + entry.first.Scalar() + "' is a secret written inline",
                        use == "-" ? "Alertmanager cannot read it from a file; keep this receiver out of files symptree writes"
                                   : "write it to a file readable by Alertmanager and set '" + use + "' instead");
    }
    check_secrets(file, entry.second, config_list, diagnostics);
  }
}

// The merge file's receivers, in Alertmanager's own syntax: each named once
// across the spec and the merge file, no inline secrets.
void read_merged_receivers(const YamlFile& file, const YamlNode& list, const std::set<std::string>& spec_receivers,
                           AlertmanagerSettings& settings, Diagnostics& diagnostics) {
  std::set<std::string> taken = spec_receivers;
  taken.insert(settings.merged_receiver_names.begin(), settings.merged_receiver_names.end());
  for (const YamlNode& item : list) {
    if (!item.IsMap() || !item["name"]) {
      diagnostics.error(file.position(item), "a receiver needs a 'name'", "- name: team-slack");
      continue;
    }
    std::string name = item["name"].Scalar();
    claim_name(taken, name, "receiver", file.position(item["name"]), diagnostics);
    settings.merged_receiver_names.push_back(name);
    for (const auto& entry : item) {
      std::string key = entry.first.Scalar();
      if (key == "name") continue;
      if (key.size() < 9 || key.compare(key.size() - 8, 8, "_configs") != 0 || !entry.second.IsSequence()) {
        diagnostics.error(file.position(entry.first), "'" + key + "' is not a list of notifier settings",
                          "a receiver holds 'name' and lists such as 'slack_configs'");
        continue;
      }
      check_secrets(file, entry.second, key, diagnostics);
    }
  }
}

void check_route_names(const AmRoute& route, const std::vector<std::string>& receivers,
                       const std::vector<std::string>& intervals, Diagnostics& diagnostics) {
  if (!route.receiver.empty() && std::find(receivers.begin(), receivers.end(), route.receiver) == receivers.end()) {
    diagnostics.error(route.where, "route sends to unknown receiver '" + route.receiver + "'",
                      suggestion(route.receiver, receivers));
  }
  for (const auto* list : {&route.mute_time_intervals, &route.active_time_intervals}) {
    for (const std::string& name : *list) {
      if (std::find(intervals.begin(), intervals.end(), name) == intervals.end()) {
        diagnostics.error(route.where, "route names unknown time interval '" + name + "'", suggestion(name, intervals));
      }
    }
  }
  for (const AmRoute& child : route.routes) check_route_names(child, receivers, intervals, diagnostics);
}

std::vector<std::string> interval_names(const MapReader& map) {
  std::vector<std::string> names;
  for (const char* key : {"time_intervals", "mute_time_intervals"}) {
    YamlNode list = map.sequence(key);
    if (!list.IsDefined()) continue;
    for (const YamlNode& item : list) {
      if (item.IsMap() && item["name"] && item["name"].IsScalar()) names.push_back(item["name"].Scalar());
    }
  }
  return names;
}

}  // namespace

AmRoute read_route(const YamlFile& file, const YamlNode& node, Diagnostics& diagnostics) {
  AmRoute route;
  route.where = file.position(node);
  MapReader map(file, node, "a route",
                {"receiver", "matchers", "group_by", "group_wait", "group_interval", "repeat_interval", "continue",
                 "mute_time_intervals", "active_time_intervals", "routes", "match", "match_re"},
                diagnostics);
  if (!map.valid()) return route;
  reject_deprecated(map, {{"match", "matchers"}, {"match_re", "matchers"}});
  route.receiver = map.string("receiver").value_or("");
  route.matchers = read_matchers(map, "matchers");
  route.group_by = map.string_list("group_by");
  route.group_wait = read_positive_duration(map, "group_wait", "30s or 5m");
  route.group_interval = read_positive_duration(map, "group_interval", "30s or 5m");
  route.repeat_interval = read_positive_duration(map, "repeat_interval", "30s or 5m");
  route.continue_matching = map.boolean("continue").value_or(false);
  route.mute_time_intervals = map.string_list("mute_time_intervals");
  route.active_time_intervals = map.string_list("active_time_intervals");
  YamlNode children = map.sequence("routes");
  if (children.IsDefined()) {
    for (const YamlNode& child : children) route.routes.push_back(read_route(file, child, diagnostics));
  }
  return route;
}

void read_merge_file(const std::string& spec_dir, const std::string& path, const SourcePosition& where,
                     const std::set<std::string>& spec_receivers, AlertmanagerSettings& settings,
                     Diagnostics& diagnostics) {
  std::filesystem::path full = std::filesystem::path(spec_dir) / path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(full, error)) {
    diagnostics.error(where, "merge file '" + full.string() + "' does not exist",
                      "the path is relative to the spec's directory");
    return;
  }
  std::optional<YamlFile> file = load_yaml_file(full.string(), diagnostics);
  if (!file || file->root.IsNull()) return;
  MapReader map(*file, file->root, "the merge file", merge_keys(), diagnostics);
  if (!map.valid()) return;
  if (YamlNode list = map.sequence("receivers"); list.IsDefined()) {
    read_merged_receivers(*file, list, spec_receivers, settings, diagnostics);
  }
  if (YamlNode list = map.sequence("routes"); list.IsDefined()) {
    for (const YamlNode& item : list) settings.merged_routes.push_back(read_route(*file, item, diagnostics));
  }
  if (YamlNode list = map.sequence("inhibit_rules"); list.IsDefined()) {
    for (const YamlNode& item : list) settings.merged_inhibit_rules.push_back(read_inhibit_rule(*file, item, diagnostics));
  }
  std::vector<std::string> receivers(spec_receivers.begin(), spec_receivers.end());
  receivers.insert(receivers.end(), settings.merged_receiver_names.begin(), settings.merged_receiver_names.end());
  for (const AmRoute& route : settings.merged_routes) check_route_names(route, receivers, interval_names(map), diagnostics);
  for (const std::string& key : merge_keys()) {
    if (key == "routes" || key == "inhibit_rules" || !map.has(key)) continue;
    std::string yaml;
    render_node(map.get(key), 2, "", yaml);
    settings.merged_sections.push_back({key, yaml});
  }
}

}  // namespace symptree
