// The spec's `alertmanager:` section (target version, default receiver, merge
// file), the nodes' `inhibits:` references, and the receivers' settings.
#include "generator/reader/alertmanager_reader.h"

#include <cctype>
#include <filesystem>
#include <set>

#include "common/join.h"
#include "generator/model/inhibitions.h"
#include "generator/reader/merge_reader.h"
#include "generator/reader/receiver_reader.h"

namespace symptree {
namespace {

// The oldest release symptree writes for: the first with every `_file` secret it uses.
constexpr AmVersion kOldestVersion{0, 25};

std::optional<AmVersion> parse_version(const std::string& text) {
  std::string digits = text.rfind("v", 0) == 0 ? text.substr(1) : text;
  AmVersion version;
  size_t dot = digits.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= digits.size()) return std::nullopt;
  std::string major = digits.substr(0, dot);
  std::string minor = digits.substr(dot + 1);
  if (size_t patch = minor.find('.'); patch != std::string::npos) minor = minor.substr(0, patch);
  for (const std::string* part : {&major, &minor}) {
    if (part->empty() || part->size() > 4) return std::nullopt;
    for (char c : *part) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
  }
  version.major = std::stoi(major);
  version.minor = std::stoi(minor);
  return version;
}

void read_section(const MapReader& top, AlertmanagerSettings& settings) {
  YamlNode section = top.mapping("alertmanager");
  if (!section.IsDefined()) return;
  MapReader map(top.file(), section, "'alertmanager'", {"version", "default_receiver", "merge"}, top.diagnostics());
  if (!map.valid()) return;
  if (std::optional<std::string> text = map.string("version")) {
    std::optional<AmVersion> version = parse_version(*text);
    if (!version) {
      top.diagnostics().error(map.where("version"), "'version' must be an Alertmanager release such as \"0.25\", got '" +
                                                        *text + "'", "quote it: version: \"0.26\"");
    } else if (!version->at_least(kOldestVersion)) {
      top.diagnostics().error(map.where("version"), "symptree writes for Alertmanager " + kOldestVersion.text() +
                                                        " and newer, not " + version->text(),
                              "older releases lack the `_file` fields that keep secrets out of the config");
    } else {
      settings.version = *version;
    }
  }
  settings.default_receiver = map.string("default_receiver").value_or("");
  settings.merge_file = map.string("merge").value_or("");
  // Where each key is written, for errors that compare services (check/service_set_check).
  settings.section_where = map.where();
  if (map.has("version")) settings.version_where = map.where("version");
  if (map.has("default_receiver")) settings.default_receiver_where = map.where("default_receiver");
  if (map.has("merge")) settings.merge_where = map.where("merge");
}

void resolve_inhibits(Model& model, Diagnostics& diagnostics) {
  std::vector<std::string> alerting;
  for (const Node& node : model.nodes) {
    if (node.kind == NodeKind::Alert) alerting.push_back(node.id);
  }
  for (size_t self = 0; self < model.nodes.size(); ++self) {
    Node& node = model.nodes[self];
    for (NodeRef& ref : node.inhibits) {
      ref.index = model.find_node(ref.id);
      if (ref.index < 0 || model.nodes[ref.index].kind != NodeKind::Alert) {
        diagnostics.error(ref.where, (ref.index < 0 ? "no node has id '" : "node '") + ref.id +
                                         (ref.index < 0 ? "'" : "' has no alert to silence"),
                          suggestion(ref.id, alerting));
        ref.index = -1;
      } else if (ref.id == node.id) {
        diagnostics.error(ref.where, "'" + node.id + "' cannot inhibit itself",
                          "Alertmanager would let alerts of one node (on different labels) mute each other");
      } else if (node.kind != NodeKind::Alert) {
        diagnostics.error(ref.where, "'" + node.id + "' has no alert, so it cannot inhibit others",
                          "move `inhibits:` to a node with `when:`");
      } else if (node.scope == NodeScope::Host && model.is_cluster(ref.index)) {
        diagnostics.error(ref.where, "host-scoped '" + node.id + "' cannot inhibit cluster-scoped '" + ref.id + "'",
                          "its alert has no join_on labels to match, so one host would mute it for the whole "
                          "cluster; make '" + node.id + "' `scope: cluster`, or let both alerts fire");
      } else if (!can_inhibit(model, static_cast<int>(self), ref.index)) {
        diagnostics.error(ref.where, "'" + node.id + "' cannot inhibit '" + ref.id + "': they share no join label (" +
                                         join(model.join_of(static_cast<int>(self)), ", ") + " against " +
                                         join(model.join_of(ref.index), ", ") + ")",
                          "an alert of '" + node.id + "' cannot say which alerts of '" + ref.id +
                              "' it explains, so it would mute them all; join both on a common label, or let both fire");
      }
    }
  }
}

void check_cycles(const Model& model, Diagnostics& diagnostics) {
  std::vector<int> cycle = find_inhibition_cycle(model);
  if (cycle.empty()) return;
  // Tree inhibitions only point upwards, so a cycle holds an explicit `inhibits:`.
  std::string chain;
  for (int n : cycle) chain += model.nodes[n].id + " → ";
  chain += model.nodes[cycle.front()].id;
  for (size_t i = 0; i < cycle.size(); ++i) {
    int next = cycle[(i + 1) % cycle.size()];
    for (const NodeRef& ref : model.nodes[cycle[i]].inhibits) {
      if (ref.index != next) continue;
      diagnostics.error(ref.where, "inhibitions form a cycle: " + chain,
                        "alerts on a cycle would mute each other when they fire together; remove one link "
                        "(a cause already silences its ancestors)");
      return;
    }
  }
}

void check_default_receiver(const Model& model, const SourcePosition& where, Diagnostics& diagnostics) {
  const std::string& name = model.alertmanager.default_receiver;
  if (name.empty()) return;
  std::vector<std::string> known = model.alertmanager.merged_receiver_names;
  for (const Receiver& r : model.receivers) known.push_back(r.name);
  for (const std::string& k : known) {
    if (k == name) return;
  }
  diagnostics.error(where, "'default_receiver' names unknown receiver '" + name + "'", suggestion(name, known));
}

}  // namespace

std::vector<NodeRef> read_node_refs(const MapReader& map, const std::string& key) {
  std::vector<NodeRef> refs;
  YamlNode list = map.sequence(key);
  if (!list.IsDefined()) return refs;
  for (const YamlNode& item : list) {
    if (std::optional<std::string> id = read_scalar(map.file(), item, "an entry of '" + key + "'", map.diagnostics())) {
      refs.push_back({*id, -1, map.file().position(item)});
    }
  }
  return refs;
}

void read_alertmanager(const MapReader& top, Model& model) {
  Diagnostics& diagnostics = top.diagnostics();
  read_section(top, model.alertmanager);
  check_receivers(model, diagnostics);
  resolve_inhibits(model, diagnostics);
  check_cycles(model, diagnostics);
  const YamlNode section = top.get("alertmanager");
  if (!model.alertmanager.merge_file.empty()) {
    std::set<std::string> names;
    for (const Receiver& r : model.receivers) names.insert(r.name);
    std::string spec_dir = std::filesystem::path(top.file().path).parent_path().string();
    model.alertmanager.merge_path =
        (std::filesystem::path(spec_dir) / model.alertmanager.merge_file).lexically_normal().string();
    read_merge_file(spec_dir, model.alertmanager.merge_file, top.file().position(section["merge"]), names,
                    model.alertmanager, diagnostics);
  }
  if (section.IsMap() && section["default_receiver"]) {
    check_default_receiver(model, top.file().position(section["default_receiver"]), diagnostics);
  }
}

}  // namespace symptree
