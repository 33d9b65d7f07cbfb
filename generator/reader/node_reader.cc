// The flowchart tree: symptoms and their causes, at any depth.
#include "generator/reader/node_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "common/join.h"
#include "common/slug.h"
#include "generator/model/series_values.h"
#include "generator/reader/alertmanager_reader.h"
#include "generator/reader/custom_fields_reader.h"
#include "generator/reader/names.h"
#include "generator/reader/scalar_positions.h"
#include "generator/reader/template_reader.h"
#include "generator/reader/settings_reader.h"

namespace symptree {
namespace {

const std::vector<std::string>& node_keys() {
  static const std::vector<std::string> keys = {"id",       "title",    "description", "when",     "for",
                                                "priority", "runbook",  "section",     "manual",   "diagnostics",
                                                "examples", "causes",   "alert",       "inhibits",
                                                "scope",    "join_on",  "unit",        "labels",   "annotations"};
  return keys;
}

// Reads the flowchart tree into Model::nodes, depth first.
class NodeReader {
 public:
  NodeReader(const YamlFile& file, Model& model, Diagnostics& diagnostics)
      : file_(file), model_(model), diagnostics_(diagnostics) {
    read_.join_labels = model.all_join_labels();
  }

  template <typename List>
  void read_list(const List& list, int parent, int depth) {
    for (const YamlNode& item : list) read_node(item, parent, depth);
  }
  NodesRead take() { return std::move(read_); }

 private:
  void read_node(const YamlNode& yaml, int parent, int depth);
  bool enter(const YamlNode& yaml, int depth);
  void read_identity(const MapReader& map, Node& node);
  void read_condition(const MapReader& map, Node& node, int parent);
  void read_unit(const MapReader& map, Node& node);
  void read_scope(const MapReader& map, Node& node, int parent);
  void read_join(const MapReader& map, Node& node, int parent);
  void check_cluster_place(const Node& node, int parent, const SourcePosition& where);
  void read_priority(const MapReader& map, Node& node, int parent);
  void read_runbook(const MapReader& map, Node& node);
  void read_examples(const MapReader& map, Node& node);
  std::optional<double> read_example_value(const MapReader& examples);
  std::vector<ExampleSeries> read_series_list(const MapReader& examples, const std::string& key);
  void check_series_values(const MapReader& entry, const std::string& values);
  void classify(const MapReader& map, Node& node, bool has_children);

  const YamlFile& file_;
  Model& model_;
  Diagnostics& diagnostics_;
  std::vector<YamlNode> path_;  // YAML nodes from the root to the current one
  // The ids and alert names so far; the join labels are Model::all_join_labels()
  // over the nodes read so far, kept as they are read (asking the model per
  // node would make reading quadratic).
  NodesRead read_;
};

// Why the tests set `label` on a node's series themselves (empty when they do
// not): the scrape's instance and job, and the join labels naming each test host.
std::string set_by_test_hosts(const Node& node, const std::string& label) {
  if (label == "instance" || label == "job") return "every series gets it from its scrape target, one per test host";
  if (std::find(node.join_on.begin(), node.join_on.end(), label) != node.join_on.end()) {
    return "it is a join_on label, which the tests give each test host a value of";
  }
  return "";
}

bool NodeReader::enter(const YamlNode& yaml, int depth) {
  if (depth >= kMaxTreeDepth) {
    diagnostics_.error(file_.position(yaml),
                       "the flowchart is nested deeper than " + std::to_string(kMaxTreeDepth) + " levels");
    return false;
  }
  return true;
}

void NodeReader::read_node(const YamlNode& yaml, int parent, int depth) {
  if (!enter(yaml, depth)) return;
  MapReader map(file_, yaml, depth == 0 ? "a symptom" : "a cause", node_keys(), diagnostics_);
  if (!map.valid()) return;
  int index = static_cast<int>(model_.nodes.size());
  model_.nodes.emplace_back();
  {
    Node& node = model_.nodes.back();
    node.parent = parent;
    node.depth = depth;
    node.root = parent < 0 ? index : model_.nodes[parent].root;
    node.where = map.where();
    read_identity(map, node);
    read_condition(map, node, parent);
    read_scope(map, node, parent);
    read_join(map, node, parent);
    read_unit(map, node);
    read_priority(map, node, parent);
    read_runbook(map, node);
    node.diagnostics = read_commands(map, "diagnostics");
    node.inhibits = read_node_refs(map, "inhibits");  // resolved by read_alertmanager
    read_examples(map, node);
    for (const std::string& label : node.join_on) {
      if (std::find(read_.join_labels.begin(), read_.join_labels.end(), label) == read_.join_labels.end()) read_.join_labels.push_back(label);
    }
    read_custom_fields(map, read_.join_labels, node.labels, node.annotations, node.annotation_places);
  }
  if (parent >= 0) model_.nodes[parent].children.push_back(index);
  else model_.roots.push_back(index);
  YamlNode causes = map.sequence("causes");
  path_.push_back(yaml);
  if (causes.IsDefined()) read_list(causes, index, depth + 1);
  path_.pop_back();
  if (causes.IsDefined() && causes.size() == 0) {
    diagnostics_.error(map.where("causes"), "'causes' is empty", "remove it, or list the causes");
  }
  classify(map, model_.nodes[index], causes.IsDefined() && causes.size() > 0);
}

void NodeReader::read_identity(const MapReader& map, Node& node) {
  node.id = map.string("id", true).value_or("");
  if (!node.id.empty()) {
    if (!is_snake_case(node.id)) {
      diagnostics_.error(map.where("id"), "id '" + node.id + "' must match [a-z][a-z0-9_]*");
    } else if (auto [it, inserted] = read_.ids.emplace(node.id, map.where("id")); !inserted) {
      diagnostics_.error(map.where("id"), "duplicate id '" + node.id + "'",
                         "first defined at " + it->second.to_string());
    }
  }
  node.title = map.string("title", true).value_or(node.id);
  node.description = node.title;  // plain text when no description is written
  if (std::optional<std::string> description = map.string("description")) {
    node.description = *description;
    node.description_place = read_template(file_, map.get("description"), *description, "description",
                                           diagnostics_);
  }
}

void NodeReader::read_condition(const MapReader& map, Node& node, int parent) {
  Duration inherited = parent >= 0 ? model_.nodes[parent].for_duration : duration_from_ms(60000);
  node.for_duration = inherited;
  if (map.has("when")) {
    if (std::optional<std::string> expr = map.string("when")) {
      Condition condition;
      condition.expr = *expr;
      condition.analysis = analyze_condition(*expr);
      condition.where = file_.position_in_scalar(map.get("when"), 0);
      condition.single_line = file_.is_inline_scalar(map.get("when"));
      if (!condition.single_line) condition.byte_lines = scalar_byte_positions(file_, map.get("when"));
      if (!condition.analysis.error.empty()) {
        diagnostics_.error(condition.position_at(condition.analysis.error_offset),
                           condition.analysis.syntax_error
                               ? "'when' of '" + node.id + "' is not valid PromQL: " + condition.analysis.error
                               : "in 'when': " + condition.analysis.error);
      }
      node.when = condition;
    }
  } else if (map.get("when").IsDefined()) {
    diagnostics_.error(map.where("when"), "'when' is empty", "write the PromQL condition, or remove 'when' for a manual step");
  }
  if (std::optional<std::string> text = map.string("for")) {
    std::string problem;
    std::optional<Duration> parsed = parse_duration(*text, &problem);
    if (!parsed) {
      diagnostics_.error(map.where("for"), problem.empty() ? "'for' must be a duration such as 1m, 90s or 1h30m, got '" +
                                                                 *text + "'"
                                                           : "'for': " + problem);
    } else if (!map.has("when")) {
      diagnostics_.error(map.where("for"), "'for' needs 'when': only a node with a condition waits before firing");
    } else {
      node.for_duration = *parsed;
    }
  }
}

// `unit: <Grafana unit id>`: the unit of the node's dashboard panel, for what
// the condition's metric names do not tell (`unit: reqps`).
void NodeReader::read_unit(const MapReader& map, Node& node) {
  std::optional<std::string> unit = map.string("unit");
  if (!unit) return;
  bool valid = !unit->empty() && unit->size() <= 40;
  for (char c : *unit) valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || std::string("_:./%()-").find(c) != std::string::npos);
  if (!valid) {
    diagnostics_.error(map.where("unit"), "'unit' must be a Grafana unit id such as s, bytes, percentunit or reqps, got '" +
                                              *unit + "'");
  } else if (!map.has("when")) {
    diagnostics_.error(map.where("unit"), "'unit' needs 'when': it is the unit of the condition's dashboard panel");
  } else {
    node.unit = *unit;
  }
}

// `scope: host | cluster`. A cluster-scoped node has no join_on labels, so it
// cannot sit under a host-scoped condition: which host would it belong to?
void NodeReader::read_scope(const MapReader& map, Node& node, int parent) {
  std::optional<std::string> scope = map.string("scope");
  if (!scope) return;
  SourcePosition where = map.where("scope");
  if (*scope != "host" && *scope != "cluster") {
    diagnostics_.error(where, "'scope' must be 'host' or 'cluster', got '" + *scope + "'",
                       suggestion(*scope, {"host", "cluster"}));
    return;
  }
  if (!map.has("when")) {
    diagnostics_.error(where, "'scope' needs 'when': it says whose fact the condition states");
    return;
  }
  if (*scope == "host") return;
  node.scope = NodeScope::Cluster;
  check_cluster_place(node, parent, where);
}

void NodeReader::check_cluster_place(const Node& node, int parent, const SourcePosition& where) {
  for (int a = parent; a >= 0; a = model_.nodes[a].parent) {
    const Node& ancestor = model_.nodes[a];
    if (!ancestor.when || ancestor.scope == NodeScope::Cluster) continue;
    diagnostics_.error(where,
                       "'" + node.id + "' is cluster-scoped, but its ancestor '" + ancestor.id +
                           "' holds per host: which host would its alert belong to?",
                       "move it under a cluster-scoped node or a section without 'when', or make '" + ancestor.id +
                           "' `scope: cluster` too");
    return;
  }
}

// `join_on: [labels]`: the labels the node's alert carries and its causes join
// it on, for its whole subtree; `[]` states a cluster fact, like `scope:
// cluster` (which it must agree with). Without it: the nearest ancestor's own
// non-empty `join_on`, else the spec's (a cluster fact's causes do not inherit `[]`).
void NodeReader::read_join(const MapReader& map, Node& node, int parent) {
  node.join_on = model_.join_on;
  for (int a = parent; a >= 0; a = model_.nodes[a].parent) {
    if (model_.nodes[a].join_where.line == 0 || model_.nodes[a].join_on.empty()) continue;
    node.join_on = model_.nodes[a].join_on;
    break;
  }
  if (!map.get("join_on").IsDefined()) {
    if (node.scope == NodeScope::Cluster) node.join_on.clear();
    return;
  }
  SourcePosition where = map.where("join_on");
  std::vector<std::string> labels = map.string_list("join_on");
  if (!map.get("join_on").IsSequence() || !check_join_labels(map, "join_on")) return;
  bool scope_written = map.get("scope").IsDefined();
  if (labels.empty() && !map.has("when")) {
    diagnostics_.error(where, "'join_on: []' needs 'when': it says the condition states a cluster fact",
                       "give the section a label list, or remove 'join_on'");
    return;
  }
  if (scope_written && labels.empty() != (node.scope == NodeScope::Cluster)) {
    diagnostics_.error(where,
                       node.scope == NodeScope::Cluster
                           ? "'join_on' of the cluster-scoped '" + node.id + "' must be []: a cluster fact has no join labels"
                           : "'join_on: []' states a cluster fact, but '" + node.id + "' says `scope: host`",
                       "write one of them: `join_on: []` and `scope: cluster` mean the same");
    return;
  }
  node.join_on = labels;
  node.join_where = where;
  for (const YamlNode& item : map.get("join_on")) node.join_label_where.push_back(file_.position(item));
  if (labels.empty() && !scope_written) {
    node.scope = NodeScope::Cluster;
    check_cluster_place(node, parent, where);
  }
}

void NodeReader::read_priority(const MapReader& map, Node& node, int parent) {
  if (parent >= 0) node.priority = model_.nodes[parent].priority;
  std::optional<std::string> name = map.string("priority");
  if (!name || model_.priorities.empty()) return;  // no matrix: reported once, where it is missing
  std::vector<std::string> known;
  for (size_t i = 0; i < model_.priorities.size(); ++i) {
    known.push_back(model_.priorities[i].name);
    if (model_.priorities[i].name == *name) {
      node.priority = static_cast<int>(i);
      node.own_priority = true;
    }
  }
  if (!node.own_priority) {
    // The list, not the nearest name: P9 is no typo of P0.
    diagnostics_.error(map.where("priority"), "unknown priority '" + *name + "'",
                       "the spec's `priorities:` are " + join(known, ", ") + "; add '" + *name + "' there or use one of them");
  }
}

void NodeReader::read_runbook(const MapReader& map, Node& node) {
  std::optional<std::string> text = map.string("runbook");
  std::optional<std::string> section = map.string("section");
  if (section && !text) {
    diagnostics_.error(map.where("section"), "'section' needs 'runbook': the file the section is in");
  }
  if (!text) return;
  RunbookLink link;
  link.where = map.where("runbook");
  size_t hash = text->find('#');
  link.path = text->substr(0, hash);
  if (link.path.rfind("./", 0) == 0) link.path = link.path.substr(2);
  if (hash != std::string::npos) link.anchor = text->substr(hash + 1);
  if (section) {
    if (!link.anchor.empty()) {
      diagnostics_.error(map.where("section"), "give the section once: either 'runbook: file#anchor' or 'section:'");
    }
    link.section = *section;
    link.anchor = github_slug(*section);
  }
  if (link.path.empty() || link.path[0] == '/') {
    diagnostics_.error(link.where, "'runbook' must be a path relative to runbooks.base_url, got '" + *text + "'");
  }
  bool absolute = link.path.rfind("http://", 0) == 0 || link.path.rfind("https://", 0) == 0;
  link.url = (absolute ? "" : model_.runbook_base_url) + link.path + (link.anchor.empty() ? "" : "#" + link.anchor);
  node.runbook = link;
}

// An example's `values` must be promtool's series notation; the error points at the bad item.
void NodeReader::check_series_values(const MapReader& entry, const std::string& values) {
  SeriesValuesError error;
  if (count_series_steps(values, &error)) return;
  std::vector<std::pair<int, int>> bytes = scalar_byte_positions(file_, entry.get("values"));
  SourcePosition where = entry.where("values");
  if (error.offset < bytes.size()) {
    where.line = bytes[error.offset].first;
    where.column = bytes[error.offset].second;
  }
  diagnostics_.error(where, "'values' is not promtool's series notation: " + error.message,
                     "write values such as '0+60x20' (start+step x repeats), '1x30', '1 2 _ stale' or '_x5'");
}

std::vector<ExampleSeries> NodeReader::read_series_list(const MapReader& examples, const std::string& key) {
  std::vector<ExampleSeries> result;
  YamlNode list = examples.sequence(key, true);
  if (!list.IsDefined()) return result;
  for (const YamlNode& item : list) {
    MapReader entry(file_, item, "an example series", {"series", "values"}, diagnostics_);
    if (!entry.valid()) continue;
    ExampleSeries series;
    series.where = entry.where();
    series.values = entry.string("values", true).value_or("");
    check_series_values(entry, series.values);
    if (std::optional<std::string> text = entry.string("series", true)) {
      std::optional<SeriesSelector> selector = parse_series_selector(*text);
      if (!selector) {
        diagnostics_.error(entry.where("series"), "'series' must look like metric{label=\"value\",...}, got '" + *text + "'");
        continue;
      }
      series.metric = selector->metric;
      // An empty value is no label (Prometheus drops it, as promtool does from
      // input series): channel_name="" as mysqld_exporter writes it.
      for (const auto& [label, value] : selector->labels) {
        if (!value.empty()) series.labels[label] = value;
      }
    }
    result.push_back(series);
  }
  if (list.size() == 0) diagnostics_.error(examples.where(key), "'" + key + "' lists no series");
  return result;
}

// `value`: the condition's value while the firing series hold, a finite number.
std::optional<double> NodeReader::read_example_value(const MapReader& examples) {
  std::optional<double> value = examples.number("value");
  if (value && !std::isfinite(*value)) {
    diagnostics_.error(examples.where("value"), "'value' in 'examples' must be a finite number",
                       "the value the condition takes while the firing series hold, as {{ $value }} shows it");
    return std::nullopt;
  }
  return value;
}

void NodeReader::read_examples(const MapReader& map, Node& node) {
  YamlNode yaml = map.mapping("examples");
  if (!yaml.IsDefined()) return;
  if (!map.has("when")) {
    diagnostics_.error(map.where("examples"), "'examples' needs 'when': they are test series for the condition");
    return;
  }
  MapReader examples(file_, yaml, "'examples'", {"firing", "quiet", "warmup", "labels", "value"},
                     diagnostics_);
  Examples result;
  result.where = examples.where();
  result.firing = read_series_list(examples, "firing");
  result.quiet = read_series_list(examples, "quiet");
  if (std::optional<std::string> warmup = examples.string("warmup")) {
    std::string problem;
    std::optional<Duration> parsed = parse_duration(*warmup, &problem);
    if (!parsed) diagnostics_.error(examples.where("warmup"), problem.empty() ? "'warmup' must be a duration such as 1m, got '" + *warmup + "'" : "'warmup': " + problem);
    else result.warmup = *parsed;
  }
  if (YamlNode labels = examples.mapping("labels"); labels.IsDefined()) {
    for (const auto& entry : labels) {
      const std::string name = entry.first.Scalar();
      if (std::string set_by = set_by_test_hosts(node, name); !set_by.empty()) {
        diagnostics_.error(file_.position(entry.first),
                           "examples cannot choose '" + name + "': " + set_by + ", so the alert's '" + name +
                               "' is that one, whatever is written here",
                           "remove it: examples' labels are the result's other labels, the ones inference cannot "
                           "value (a label_replace result)");
        continue;
      }
      if (std::optional<std::string> value = read_scalar(file_, entry.second, "label '" + name + "'", diagnostics_))
        result.labels[name] = *value;
    }
  }
  result.value = read_example_value(examples);
  node.examples = result;
}

void NodeReader::classify(const MapReader& map, Node& node, bool has_children) {
  std::optional<std::string> manual = map.string("manual");
  if (node.when) {
    node.kind = NodeKind::Alert;
    if (manual) diagnostics_.error(map.where("manual"), "a node with 'when' is enforced by an alert; remove 'manual'");
  } else if (has_children) {
    node.kind = NodeKind::Group;
    if (manual) diagnostics_.error(map.where("manual"), "'manual' marks a leaf; this node has causes");
  } else if (!map.get("when").IsDefined()) {
    node.kind = NodeKind::Manual;
    if (!manual) {
      diagnostics_.error(map.where(), "'" + node.id + "' has no 'when' and no causes",
                         "give it a condition, or mark it a manual step with `manual: <one-line reason>`");
    }
    node.manual_reason = manual.value_or("");
  }
  if (node.kind != NodeKind::Group && !node.runbook) {
    diagnostics_.error(map.where(), "'" + node.id + "' has no runbook",
                       "add `runbook: path/to/runbook.md#section`; the alert links the on-call there");
  }
  // A priority written here or above that names no row was reported as unknown already.
  bool priority_written = map.has("priority");
  for (const YamlNode& ancestor : path_) priority_written = priority_written || ancestor["priority"].IsDefined();
  if (node.kind == NodeKind::Alert && node.priority < 0 && !priority_written) {
    diagnostics_.error(map.where(), "'" + node.id + "' has no priority",
                       "set `priority:` here or on an enclosing symptom");
  }
  if (node.kind != NodeKind::Alert) {
    if (map.has("alert")) diagnostics_.error(map.where("alert"), "'alert' names an alert, but this node has no 'when'");
    return;
  }
  node.alert_name = map.string("alert").value_or(model_.alert_prefix + camel_case(node.id));
  SourcePosition where = map.has("alert") ? map.where("alert") : map.where("id");
  if (!is_camel_case(node.alert_name)) {
    diagnostics_.error(where, "alert name '" + node.alert_name + "' must be CamelCase letters and digits");
  } else if (node.alert_name.size() > kMaxAlertNameLength) {
    diagnostics_.error(where, "alert name '" + node.alert_name + "' is " + std::to_string(node.alert_name.size()) +
                                  " characters; the limit is " + std::to_string(kMaxAlertNameLength),
                       "set `alert:` to a shorter name, or shorten the id");
  } else if (auto [it, inserted] = read_.alert_names.emplace(node.alert_name, where); !inserted) {
    diagnostics_.error(where, "alert name '" + node.alert_name + "' is used twice", "first at " + it->second.to_string());
  }
}

}  // namespace

NodesRead read_nodes(const YamlFile& file, const std::vector<YamlNode>& symptoms, Model& model,
                     Diagnostics& diagnostics) {
  NodeReader reader(file, model, diagnostics);
  reader.read_list(symptoms, -1, 0);
  return reader.take();
}

}  // namespace symptree
