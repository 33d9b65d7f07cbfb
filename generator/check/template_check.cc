// Alert templates against the labels and values of the alerts they describe.
#include "generator/check/template_check.h"

#include <algorithm>
#include <set>

#include "common/join.h"
#include "generator/model/alert_plan.h"
#include "generator/model/alert_template.h"

namespace symptree {
namespace {

// One template applying to an alert: its text, where it was written, what it is.
struct AppliedTemplate {
  std::string text;
  const TextPlace* place = nullptr;
  std::string what;  // "description", "annotation 'team'"
};

// Where annotation `name` of `places` was written (the file's start when not recorded).
const TextPlace* place_of(const std::map<std::string, TextPlace>& places, const std::string& name) {
  static const TextPlace unknown;
  auto it = places.find(name);
  return it == places.end() ? &unknown : &it->second;
}

// The templates of `node`'s alert: its description, and each custom annotation
// from the nearest of the node, its ancestors and the spec's top level.
std::vector<AppliedTemplate> templates_of(const Model& model, int node) {
  std::vector<AppliedTemplate> found;
  const Node& n = model.nodes[node];
  if (n.description_place) found.push_back({n.description, &*n.description_place, "'description'"});
  std::set<std::string> seen;
  for (int at = node; at >= 0; at = model.nodes[at].parent) {
    for (const auto& [name, text] : model.nodes[at].annotations) {
      if (!seen.insert(name).second) continue;
      found.push_back({text, place_of(model.nodes[at].annotation_places, name), "'annotations: " + name + "'"});
    }
  }
  for (const auto& [name, text] : model.annotations) {
    if (!seen.insert(name).second) continue;
    found.push_back({text, place_of(model.annotation_places, name), "'annotations: " + name + "'"});
  }
  return found;
}

// Reports each `$labels.x` of `applied` that `carries` rejects, once per place.
template <typename Carries>
void check_labels(const AppliedTemplate& applied, const AlertTemplate& parsed, const std::string& alert,
                  const Carries& carries, std::set<std::pair<const TextPlace*, size_t>>& reported,
                  Diagnostics& diagnostics) {
  for (const auto& [label, offset] : parsed.labels()) {
    std::string why = label.compare(0, 2, "__") == 0 ? "labels starting with __ are not an alert's" : carries(label);
    if (why.empty() || !reported.insert({applied.place, offset}).second) continue;
    diagnostics.error(applied.place->position_at(offset),
                      "in " + applied.what + ": the alert " + alert + " may lack label '" + label + "'", why);
  }
}

// Why the result of `node`'s condition may lack `label`, or "" when it certainly
// carries it. A label the node joins on counts as carried unless the condition
// drops it (check/join_label_check.h): its alert's text begins with it.
std::string missing_reason(const Node& node, const std::vector<std::string>& join, const promql::LabelInference& labels,
                           const std::string& label) {
  promql::Presence presence = labels.presence(label);
  if (presence == promql::Presence::Certain) return "";
  if (presence == promql::Presence::Possible && std::find(join.begin(), join.end(), label) != join.end()) return "";
  std::string where = "'" + node.id + "'";
  if (presence == promql::Presence::Possible) {
    return "some series of the condition of " + where + " may not carry it, so the text could render it empty; "
           "only labels every result series carries may be used: select it with a matcher that requires it "
           "({" + label + "!=\"\"}), or declare the metric's source with the labels its series carry (`sources:`); "
           "a label a source lists is one only some of its series may carry, and by (...) keeps a label only where "
           "the series have it";
  }
  std::optional<promql::Drop> drop = labels.why_absent(label);
  return "the condition of " + where + " does not keep it" + (drop ? " (" + drop->reason + ")" : "");
}

void check_node(const Model& model, int index, const InferredLabels& inferred,
                std::set<std::pair<const TextPlace*, size_t>>& reported, Diagnostics& diagnostics) {
  const Node& node = model.nodes[index];
  if (node.kind != NodeKind::Alert || !node.when || !node.when->analysis.ast) return;
  const promql::LabelInference& labels = inferred.of(index);
  for (const AppliedTemplate& applied : templates_of(model, index)) {
    TemplateError error;
    std::optional<AlertTemplate> parsed = parse_alert_template(applied.text, error);
    if (!parsed) continue;  // reported when read
    check_labels(applied, *parsed, node.alert_name,
                 [&](const std::string& label) { return missing_reason(node, model.join_of(index), labels, label); },
                 reported, diagnostics);
    std::optional<size_t> value = parsed->value_use();
    if (value && node.examples && !node.examples->value && reported.insert({applied.place, *value}).second) {
      diagnostics.error(applied.place->position_at(*value),
                        "in " + applied.what + ": {{ $value }} of " + node.alert_name +
                            " cannot be asserted: the tests of '" + node.id +
                            "' come from its examples, which do not say the condition's value",
                        "add `value:` to its `examples`: the value the condition takes while the firing series "
                        "hold (the tests check it), or drop $value here");
    }
  }
}

// The spec's top-level annotations also describe the absence alerts, whose
// result carries only the labels they are grouped by (absence_labels): a
// label is usable when every absence alert carries it.
void check_absence_alerts(const Model& model, std::set<std::pair<const TextPlace*, size_t>>& reported,
                          Diagnostics& diagnostics) {
  std::vector<std::vector<std::string>> groupings;
  for (const WatchedSelector& watched : watched_selectors(model)) {
    groupings.push_back(absence_result_labels(absence_labels(model, watched.metric, watched.readers)));
  }
  if (groupings.empty()) return;
  auto carries = [&](const std::string& label) -> std::string {
    for (const std::vector<std::string>& by : groupings) {
      if (std::find(by.begin(), by.end(), label) != by.end()) continue;
      return "an absence alert's series carries only " + join(by, ", ");
    }
    return "";
  };
  for (const auto& [name, text] : model.annotations) {
    TemplateError error;
    std::optional<AlertTemplate> parsed = parse_alert_template(text, error);
    if (!parsed) continue;
    AppliedTemplate applied{text, place_of(model.annotation_places, name), "'annotations: " + name + "'"};
    check_labels(applied, *parsed, model.alert_prefix + "MetricAbsent", carries, reported, diagnostics);
  }
}

}  // namespace

void check_templates(const Model& model, Diagnostics& diagnostics) {
  check_templates(model, InferredLabels(model), diagnostics);
}

void check_templates(const Model& model, const InferredLabels& inferred, Diagnostics& diagnostics) {
  std::set<std::pair<const TextPlace*, size_t>> reported;  // one error for each use, whichever alert shows it first
  for (size_t i = 0; i < model.nodes.size(); ++i) check_node(model, static_cast<int>(i), inferred, reported, diagnostics);
  check_absence_alerts(model, reported, diagnostics);
}

}  // namespace symptree
