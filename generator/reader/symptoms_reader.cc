// The symptoms read in two halves, joined only when the halves are
// independent: reading the second half did not need to know the first.
#include "generator/reader/symptoms_reader.h"

#include <algorithm>
#include <future>
#include <vector>

#include "generator/reader/node_reader.h"

namespace symptree {
namespace {

// Whether the second half, read without knowing the first, was read as it
// would have been after it: neither half found an error (the report would
// differ in order), no id or alert name is in both (a duplicate is an error),
// no custom label of the second half is a join label of the first (an error).
bool independent(const NodesRead& first, const Diagnostics& first_errors, const NodesRead& second,
                 const Diagnostics& second_errors, const Model& second_model) {
  if (first_errors.has_errors() || second_errors.has_errors()) return false;
  for (const auto& [id, where] : second.ids) {
    if (first.ids.count(id)) return false;
  }
  for (const auto& [name, where] : second.alert_names) {
    if (first.alert_names.count(name)) return false;
  }
  for (const Node& node : second_model.nodes) {
    for (const auto& [label, value] : node.labels) {
      if (std::find(first.join_labels.begin(), first.join_labels.end(), label) != first.join_labels.end()) return false;
    }
  }
  return true;
}

// How many nodes `items` and their causes may make (every map among them, to
// the deepest flowchart allowed): the model's room for them is made once, as
// a 10,000-node vector grown by doubling moved each node twice on average.
size_t node_count(const std::vector<YamlNode>& items, int depth = 0) {
  size_t count = 0;
  for (const YamlNode& item : items) {
    if (!item.IsMap()) continue;
    ++count;
    YamlNode causes = item["causes"];
    if (depth < kMaxTreeDepth && causes.IsSequence()) {
      count += node_count(std::vector<YamlNode>(causes.begin(), causes.end()), depth + 1);
    }
  }
  return count;
}

// Appends the nodes and roots of `second` (read into a model of their own)
// to `model`, their indices moved past the nodes already there.
void append_nodes(Model& model, Model&& second) {
  int offset = static_cast<int>(model.nodes.size());
  model.nodes.reserve(model.nodes.size() + second.nodes.size());
  for (Node& node : second.nodes) {
    if (node.parent >= 0) node.parent += offset;
    node.root += offset;
    for (int& child : node.children) child += offset;
    model.nodes.push_back(std::move(node));
  }
  for (int root : second.roots) model.roots.push_back(root + offset);
}

}  // namespace

void read_symptoms(const MapReader& top, Model& model) {
  YamlNode list = top.sequence("symptoms", true);
  if (!list.IsDefined()) return;
  if (list.size() == 0) {
    top.diagnostics().error(top.where("symptoms"), "'symptoms' is empty", "describe at least one symptom");
    return;
  }
  std::vector<YamlNode> symptoms(list.begin(), list.end());
  size_t half = symptoms.size() / 2;
  if (half > 0 && model.nodes.empty()) {
    std::vector<YamlNode> first(symptoms.begin(), symptoms.begin() + static_cast<std::ptrdiff_t>(half));
    std::vector<YamlNode> second(symptoms.begin() + static_cast<std::ptrdiff_t>(half), symptoms.end());
    Model second_model = model;  // the settings, no nodes yet
    model.nodes.reserve(node_count(symptoms));  // room for both halves: the second's are appended
    second_model.nodes.reserve(node_count(second));
    Diagnostics first_errors, second_errors;
    std::future<NodesRead> reading_second = std::async(std::launch::async, [&] {
      return read_nodes(top.file(), second, second_model, second_errors);
    });
    NodesRead first_read = read_nodes(top.file(), first, model, first_errors);
    NodesRead second_read = reading_second.get();
    if (independent(first_read, first_errors, second_read, second_errors, second_model)) {
      append_nodes(model, std::move(second_model));
      return;
    }
    model.nodes.clear();  // read them again in order: the errors as one reader finds them
    model.roots.clear();
  }
  model.nodes.reserve(node_count(symptoms));
  read_nodes(top.file(), symptoms, model, top.diagnostics());
}

}  // namespace symptree
